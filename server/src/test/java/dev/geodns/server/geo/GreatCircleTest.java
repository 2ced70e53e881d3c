package dev.geodns.server.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.geodns.server.routing.TestWorlds;
import org.junit.jupiter.api.Test;

class GreatCircleTest {
    @Test
    void knownDistances() {
        // Frankfurt to Seattle is about 8,200 km; Sydney to Sao Paulo about 13,400 km.
        assertThat(GreatCircle.distanceKm(TestWorlds.FRANKFURT, TestWorlds.SEATTLE)).isCloseTo(8200, within(100.0));
        assertThat(GreatCircle.distanceKm(TestWorlds.SYDNEY, TestWorlds.SAO_PAULO)).isCloseTo(13400, within(150.0));
        // One degree of latitude is R * pi / 180.
        assertThat(GreatCircle.distanceKm(0, 0, 1, 0)).isCloseTo(111.195, within(0.001));
    }

    @Test
    void zeroSymmetricAndBoundedByHalfTheCircumference() {
        assertThat(GreatCircle.distanceKm(TestWorlds.SYDNEY, TestWorlds.SYDNEY)).isZero();
        assertThat(GreatCircle.distanceKm(TestWorlds.FRANKFURT, TestWorlds.SINGAPORE))
                .isEqualTo(GreatCircle.distanceKm(TestWorlds.SINGAPORE, TestWorlds.FRANKFURT));
        assertThat(GreatCircle.distanceKm(0, 0, 0, 180)).isCloseTo(Math.PI * GreatCircle.EARTH_RADIUS_KM, within(1e-6));
        assertThat(GreatCircle.distanceKm(90, 0, -90, 0)).isCloseTo(Math.PI * GreatCircle.EARTH_RADIUS_KM, within(1e-6));
    }

    @Test
    void crossingTheAntimeridianTakesTheShortWay() {
        assertThat(GreatCircle.distanceKm(0, 179.5, 0, -179.5)).isCloseTo(111.195, within(0.001));
    }
}
