package dev.geodns.config.latency;


import dev.geodns.config.model.Continent;
import dev.geodns.config.model.Place;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GreatCircleTest {
    private static final Place FRANKFURT = new Place("Frankfurt", "DE", Continent.EU, 50.11, 8.68);
    private static final Place SEATTLE = new Place("Seattle", "US", Continent.NA, 47.61, -122.33);
    private static final Place SINGAPORE = new Place("Singapore", "SG", Continent.AS, 1.29, 103.85);
    private static final Place SYDNEY = new Place("Sydney", "AU", Continent.OC, -33.87, 151.21);
    private static final Place SAO_PAULO = new Place("Sao Paulo", "BR", Continent.SA, -23.55, -46.63);

    @Test
    void knownDistances() {
        // Frankfurt to Seattle is about 8,200 km; Sydney to Sao Paulo about 13,400 km.
        assertThat(GreatCircle.distanceKm(FRANKFURT, SEATTLE)).isCloseTo(8200, within(100.0));
        assertThat(GreatCircle.distanceKm(SYDNEY, SAO_PAULO)).isCloseTo(13400, within(150.0));
        // One degree of latitude is R * pi / 180.
        assertThat(GreatCircle.distanceKm(0, 0, 1, 0)).isCloseTo(111.195, within(0.001));
    }

    @Test
    void zeroSymmetricAndBoundedByHalfTheCircumference() {
        assertThat(GreatCircle.distanceKm(SYDNEY, SYDNEY)).isZero();
        assertThat(GreatCircle.distanceKm(FRANKFURT, SINGAPORE))
                .isEqualTo(GreatCircle.distanceKm(SINGAPORE, FRANKFURT));
        assertThat(GreatCircle.distanceKm(0, 0, 0, 180)).isCloseTo(Math.PI * GreatCircle.EARTH_RADIUS_KM, within(1e-6));
        assertThat(GreatCircle.distanceKm(90, 0, -90, 0)).isCloseTo(Math.PI * GreatCircle.EARTH_RADIUS_KM, within(1e-6));
    }

    @Test
    void crossingTheAntimeridianTakesTheShortWay() {
        assertThat(GreatCircle.distanceKm(0, 179.5, 0, -179.5)).isCloseTo(111.195, within(0.001));
    }
}
