package dev.geodns.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.World;
import dev.geodns.server.geo.LocationOrigin;
import dev.geodns.server.transport.TcpSettings;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The MaxMind path over the wire: the test world plus the committed GeoIP2-City fixture, read by
 * MaxMind's own reader. ECS addresses outside the lab plan are placed by the database.
 */
class GeoIpWireTest {
    static DecisionCapture capture = new DecisionCapture();
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Path fixture = Path.of(GeoIpWireTest.class.getResource("/geoip/GeoIP2-City-Test-geodns.mmdb").toURI());
        Path worldFile = TestServer.resource("test-world.yaml");
        String yaml = Files.readString(worldFile) + "\ngeoip:\n  databases: [\"" + fixture.toAbsolutePath() + "\"]\n";
        World world = WorldLoader.parse(yaml, "test-world+geoip.yaml", worldFile.getParent());
        server = TestServer.start(world, TcpSettings.DEFAULT, capture);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static GeoRoutingWireTest.Asked ask(String ecsAddress, int prefix) throws Exception {
        SimpleResolver r = server.resolver("127.0.2.1"); // a Seattle resolver forwarding the client's subnet
        r.setEDNS(0, 1232, 0, List.of(new ClientSubnetOption(prefix, InetAddress.getByName(ecsAddress))));
        Message m = r.send(Message.newQuery(Record.newRecord(Name.fromString("outlook.office365.com."), Type.A, DClass.IN)));
        return new GeoRoutingWireTest.Asked(m, capture.byId.get(m.getHeader().getID()));
    }

    @Test
    void ipv4CityFromGeoIpRoutesToItsNearestFrontDoor() throws Exception {
        GeoRoutingWireTest.Asked a = ask("192.0.2.200", 32); // outside the lab /26: Paris in the database
        assertThat(a.regional()).isEqualTo("FRA-efz.ms-acdc.office.com.");
        assertThat(a.decision().location().origin()).isEqualTo(LocationOrigin.GEOIP);
        assertThat(a.decision().location().place().city()).isEqualTo("Paris");
        assertThat(a.scope()).isEqualTo(a.decision().location().networkPrefixLength()).isBetween(1, 32);
    }

    @Test
    void countryOnlyRecordGetsARepresentativePointAndSaysSo() throws Exception {
        GeoRoutingWireTest.Asked a = ask("203.0.113.5", 32); // AU, no coordinates in the database
        assertThat(a.regional()).isEqualTo("SYD-efz.ms-acdc.office.com.");
        assertThat(a.decision().location().approximate()).isTrue();
        assertThat(a.decision().location().place().country()).isEqualTo("AU");
    }

    @Test
    void ipv6CityAndContinentOnly() throws Exception {
        GeoRoutingWireTest.Asked berlin = ask("2001:db8:aaaa::", 56);
        assertThat(berlin.regional()).isEqualTo("FRA-efz.ms-acdc.office.com.");
        assertThat(berlin.decision().location().origin()).isEqualTo(LocationOrigin.GEOIP);
        assertThat(berlin.scope()).isEqualTo(48);

        GeoRoutingWireTest.Asked southAmerica = ask("2001:db8:bbbb::", 48);
        assertThat(southAmerica.regional()).isEqualTo("GRU-efz.ms-acdc.office.com.");
        assertThat(southAmerica.decision().location().approximate()).isTrue();
    }

    @Test
    void labNetworksWinOverTheDatabase() throws Exception {
        GeoRoutingWireTest.Asked a = ask("192.0.2.10", 32); // lab plan: Berlin /26 (database: Paris /24)
        assertThat(a.decision().location().origin()).isEqualTo(LocationOrigin.LAB_NETWORK);
        assertThat(a.decision().location().place().city()).isEqualTo("Berlin");
        assertThat(a.regional()).isEqualTo("FRA-efz.ms-acdc.office.com.");
    }

    @Test
    void addressInNoNetworkFallsBackToTheDefaultSite() throws Exception {
        GeoRoutingWireTest.Asked a = ask("203.0.113.200", 32);
        assertThat(a.decision().location().origin()).isEqualTo(LocationOrigin.UNKNOWN);
        assertThat(a.decision().defaultUsed()).isTrue();
        assertThat(a.message().getOPT().getOptions(EDNSOption.Code.CLIENT_SUBNET)).hasSize(1);
        assertThat(a.message().getSection(Section.ANSWER)).isNotEmpty();
    }
}
