package dev.geodns.server.geo.mmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The committed fixture is exactly what its generator makes (fixtures live beside their generator). */
class FixtureTest {
    @Test
    void committedFixtureIsByteIdenticalToAFreshlyGeneratedOne() throws Exception {
        byte[] committed;
        try (InputStream in = getClass().getResourceAsStream("/geoip/GeoIP2-City-Test-geodns.mmdb")) {
            assertThat(in).as("fixture on the test classpath").isNotNull();
            committed = in.readAllBytes();
        }

        assertThat(committed)
                .as("regenerate with FixtureGenerator (see src/test/resources/geoip/README.md)")
                .isEqualTo(FixtureGenerator.generate());
    }
}
