package dev.geodns.server.geo;

import static dev.geodns.server.routing.TestWorlds.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.Continent;
import dev.geodns.config.model.Place;
import dev.geodns.server.geo.mmdb.MmdbWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MaxMind path, read by MaxMind's own DatabaseReader from the committed fixture. */
class GeoIpLocatorTest {
    private static GeoIpLocator locator;

    @BeforeAll
    static void open() throws Exception {
        Path fixture = Path.of(GeoIpLocatorTest.class.getResource("/geoip/GeoIP2-City-Test-geodns.mmdb").toURI());
        locator = GeoIpLocator.open(fixture, 64);
    }

    @AfterAll
    static void close() throws Exception {
        locator.close();
    }

    @Test
    void ipv4CityHasItsCoordinatesAndNetwork() {
        Location l = locator.locate(ip("192.0.2.77"));

        assertThat(l.origin()).isEqualTo(LocationOrigin.GEOIP);
        assertThat(l.place()).isEqualTo(new Place("Paris", "FR", Continent.EU, 48.8566, 2.3522));
        assertThat(l.precision()).isEqualTo(Location.Precision.CITY);
        assertThat(l.approximate()).isFalse();
        assertThat(l.networkPrefixLength()).isEqualTo(24);
        assertThat(l.network()).isEqualTo("192.0.2.0/24");
        assertThat(locator.isCityDatabase()).isTrue();
    }

    @Test
    void ipv6CityHasItsCoordinatesAndNetwork() {
        Location l = locator.locate(ip("2001:db8:aaaa:1::53"));

        assertThat(l.place().city()).isEqualTo("Berlin");
        assertThat(l.place().country()).isEqualTo("DE");
        assertThat(l.place().latitude()).isEqualTo(52.52);
        assertThat(l.networkPrefixLength()).isEqualTo(48);
        assertThat(l.approximate()).isFalse();
    }

    @Test
    void prefixLengthIsTheNetworkTheDatabaseMatchedNotTheRowAsWritten() {
        // 198.51.100.192/26 (Osaka) splits the Tokyo /24: the same record then covers a /25 and a /26.
        Location low = locator.locate(ip("198.51.100.10"));
        Location mid = locator.locate(ip("198.51.100.130"));
        Location osaka = locator.locate(ip("198.51.100.200"));

        assertThat(low.place().city()).isEqualTo("Tokyo");
        assertThat(low.networkPrefixLength()).isEqualTo(25);
        assertThat(mid.place().city()).isEqualTo("Tokyo");
        assertThat(mid.networkPrefixLength()).isEqualTo(26);
        assertThat(osaka.place().city()).isEqualTo("Osaka");
        assertThat(osaka.networkPrefixLength()).isEqualTo(26);
    }

    @Test
    void countryOnlyRowGetsTheCountrysRepresentativePoint() {
        Location l = locator.locate(ip("203.0.113.5"));

        Place au = RepresentativePoints.get().country("AU");
        assertThat(l.place()).isEqualTo(new Place(null, "AU", Continent.OC, au.latitude(), au.longitude()));
        assertThat(l.precision()).isEqualTo(Location.Precision.COUNTRY);
        assertThat(l.approximate()).isTrue();
        assertThat(l.networkPrefixLength()).isEqualTo(25);
    }

    @Test
    void continentOnlyRowGetsTheContinentsRepresentativePoint() {
        Location l = locator.locate(ip("2001:db8:bbbb::1"));

        assertThat(l.place().continent()).isEqualTo(Continent.SA);
        assertThat(l.place().country()).isNull();
        assertThat(l.place().latitude()).isEqualTo(RepresentativePoints.get().continent(Continent.SA).latitude());
        assertThat(l.precision()).isEqualTo(Location.Precision.CONTINENT);
        assertThat(l.approximate()).isTrue();
        assertThat(l.networkPrefixLength()).isEqualTo(48);
    }

    @Test
    void addressesNotInTheDatabaseAreUnknown() {
        assertThat(locator.locate(ip("203.0.113.200"))).isSameAs(Location.UNKNOWN);
        assertThat(locator.locate(ip("2001:db8:cccc::1"))).isSameAs(Location.UNKNOWN);
        assertThat(locator.locate(ip("127.0.0.1"))).isSameAs(Location.UNKNOWN);
        assertThat(locator.locate(null)).isSameAs(Location.UNKNOWN);
    }

    @Test
    void countryDatabasesAreReadWithTheCountryLookup(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("country.mmdb");
        new MmdbWriter().databaseType("GeoLite2-Country")
                .addWithoutLocation(Cidr.parse("192.0.2.0/24"), new Place(null, "JP", Continent.AS, 0, 0))
                .write(db);

        try (GeoIpLocator country = GeoIpLocator.open(db, 16)) {
            Location l = country.locate(ip("192.0.2.1"));

            assertThat(country.isCityDatabase()).isFalse();
            assertThat(l.place().country()).isEqualTo("JP");
            assertThat(l.place().latitude()).isEqualTo(RepresentativePoints.get().country("JP").latitude());
            assertThat(l.approximate()).isTrue();
            assertThat(l.networkPrefixLength()).isEqualTo(24);
        }
    }

    @Test
    void otherDatabaseTypesAreRefused(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("asn.mmdb");
        new MmdbWriter().databaseType("GeoLite2-ASN").add(Cidr.parse("192.0.2.0/24"),
                new Place("Paris", "FR", Continent.EU, 1, 1)).write(db);

        assertThatThrownBy(() -> GeoIpLocator.open(db, 16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GeoLite2-ASN");
    }

    @Test
    void aClosedDatabaseAnswersUnknownInsteadOfThrowing() throws Exception {
        Path fixture = Path.of(getClass().getResource("/geoip/GeoIP2-City-Test-geodns.mmdb").toURI());
        GeoIpLocator closed = GeoIpLocator.open(fixture, 16);
        closed.close();

        assertThat(closed.locate(ip("192.0.2.1"))).isSameAs(Location.UNKNOWN);
        assertThat(closed.failures()).isEqualTo(1);
    }
}
