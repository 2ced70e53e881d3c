package dev.geodns.server.geo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.config.model.Continent;
import dev.geodns.config.model.Place;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepresentativePointsTest {
    private final RepresentativePoints points = RepresentativePoints.get();

    @Test
    void knowsTheCountriesOfTheO365SitesAndTheG20() {
        List<String> siteCountries = List.of("US", "CA", "MX", "BR", "CL", "GB", "IE", "NL", "AT", "FI", "FR",
                "DE", "IT", "PL", "ES", "SE", "NO", "CH", "IL", "QA", "AE", "ZA", "IN", "JP", "KR", "HK", "SG",
                "MY", "ID", "TW", "AU", "NZ", "CN");
        List<String> g20 = List.of("AR", "AU", "BR", "CA", "CN", "FR", "DE", "IN", "ID", "IT", "JP", "KR", "MX",
                "RU", "SA", "ZA", "TR", "GB", "US");

        for (String code : siteCountries) {
            assertThat(points.country(code)).as(code).isNotNull();
        }
        for (String code : g20) {
            assertThat(points.country(code)).as(code).isNotNull();
        }
        assertThat(points.countryCount()).isGreaterThan(100);
    }

    @Test
    void countryPointsAreCountryLevelPlacesOnTheirContinent() {
        Place au = points.country("au");

        assertThat(au.city()).isNull();
        assertThat(au.country()).isEqualTo("AU");
        assertThat(au.continent()).isEqualTo(Continent.OC);
        assertThat(au.latitude()).isBetween(-30.0, -20.0);
        assertThat(points.country("ZZ")).isNull();
        assertThat(points.country(null)).isNull();
    }

    @Test
    void everyContinentHasAPoint() {
        for (Continent c : Continent.values()) {
            Place p = points.continent(c);
            assertThat(p.continent()).isEqualTo(c);
            assertThat(p.country()).isNull();
        }
    }
}
