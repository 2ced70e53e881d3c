package dev.geodns.server.geo;

import static dev.geodns.server.routing.TestWorlds.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodns.config.model.GeoIpSettings;
import dev.geodns.config.model.World;
import dev.geodns.server.routing.TestWorlds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorldLocatorTest {
    private static Path fixture() throws Exception {
        return Path.of(WorldLocatorTest.class.getResource("/geoip/GeoIP2-City-Test-geodns.mmdb").toURI());
    }

    private static World world(GeoIpSettings geoip) {
        return TestWorlds.builder()
                .network("127.0.1.0/24", TestWorlds.FRANKFURT)
                .network("192.0.2.128/25", TestWorlds.SYDNEY) // overlaps the fixture's Paris /24
                .geoip(geoip)
                .build();
    }

    @Test
    void labNetworksFirstThenGeoIpElseUnknown() throws Exception {
        try (WorldLocator locator = WorldLocator.open(TestWorlds.compiled(world(new GeoIpSettings(List.of(fixture()), 64))))) {
            assertThat(locator.locate(ip("127.0.1.1")).origin()).isEqualTo(LocationOrigin.LAB_NETWORK);
            assertThat(locator.locate(ip("192.0.2.200")).place()).isEqualTo(TestWorlds.SYDNEY);
            Location paris = locator.locate(ip("192.0.2.1"));
            assertThat(paris.origin()).isEqualTo(LocationOrigin.GEOIP);
            assertThat(paris.place().city()).isEqualTo("Paris");
            assertThat(locator.locate(ip("2001:db8:aaaa::1")).place().city()).isEqualTo("Berlin");
            assertThat(locator.locate(ip("203.0.113.200"))).isSameAs(Location.UNKNOWN);
        }
    }

    @Test
    void labNetworksWorkWithoutAnyDatabase() throws Exception {
        try (WorldLocator locator = WorldLocator.open(TestWorlds.compiled(world(GeoIpSettings.NONE)))) {
            assertThat(locator.locate(ip("127.0.1.1")).place()).isEqualTo(TestWorlds.FRANKFURT);
            assertThat(locator.locate(ip("192.0.2.1"))).isSameAs(Location.UNKNOWN);
        }
    }

    @Test
    void databasesAreAskedInOrderUntilOneKnows() throws Exception {
        Locator never = a -> Location.UNKNOWN;
        Locator second = a -> new Location(TestWorlds.SEATTLE, LocationOrigin.GEOIP, Location.Precision.CITY,
                false, 8, "127.0.0.0/8");
        WorldLocator locator = new WorldLocator(new LabNetworkTable(List.of()), List.of(never, second));

        assertThat(locator.locate(ip("127.9.9.9")).place()).isEqualTo(TestWorlds.SEATTLE);
    }

    @Test
    void aMissingDatabaseFailsTheLoadNamingTheFile(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path missing = dir.resolve("nope.mmdb");
        assertThatThrownBy(() -> WorldLocator.open(TestWorlds.compiled(world(new GeoIpSettings(List.of(missing), 64)))))
                .isInstanceOf(IOException.class).hasMessageContaining("nope.mmdb");
    }
}
