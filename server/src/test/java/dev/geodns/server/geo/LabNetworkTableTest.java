package dev.geodns.server.geo;

import static dev.geodns.server.routing.TestWorlds.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.Continent;
import dev.geodns.config.model.LabNetwork;
import dev.geodns.config.model.Place;
import dev.geodns.server.routing.TestWorlds;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabNetworkTableTest {
    private static final Place TOKYO = TestWorlds.city("Tokyo", "JP", Continent.AS, 35.68, 139.69);
    private static final Place GERMANY = new Place(null, "DE", Continent.EU, 51.2, 10.5);

    private static final List<LabNetwork> NETWORKS = List.of(
            net("127.0.1.0/24", TestWorlds.FRANKFURT),
            net("127.0.2.0/24", TestWorlds.SEATTLE),
            net("10.0.0.0/8", TOKYO),
            net("10.1.0.0/16", TestWorlds.SYDNEY),
            net("2001:db8:1::/48", TestWorlds.FRANKFURT),
            net("2001:db8:2::/47", GERMANY),
            net("0.0.0.0/0", TestWorlds.SAO_PAULO));

    private final LabNetworkTable table = new LabNetworkTable(NETWORKS);

    private static LabNetwork net(String cidr, Place place) {
        return new LabNetwork(Cidr.parse(cidr), place);
    }

    @Test
    void ipv4AddressesFindTheirNetwork() {
        Location l = table.locate(ip("127.0.1.77"));

        assertThat(l.place()).isEqualTo(TestWorlds.FRANKFURT);
        assertThat(l.origin()).isEqualTo(LocationOrigin.LAB_NETWORK);
        assertThat(l.networkPrefixLength()).isEqualTo(24);
        assertThat(l.network()).isEqualTo("127.0.1.0/24");
        assertThat(l.precision()).isEqualTo(Location.Precision.CITY);
        assertThat(l.approximate()).isFalse();
        assertThat(table.locate(ip("127.0.2.255")).place()).isEqualTo(TestWorlds.SEATTLE);
        assertThat(table.size()).isEqualTo(7);
    }

    @Test
    void ipv6AddressesFindTheirNetwork() {
        assertThat(table.locate(ip("2001:db8:1:ffff::1")).place()).isEqualTo(TestWorlds.FRANKFURT);
        Location germany = table.locate(ip("2001:db8:3::1"));
        assertThat(germany.place()).isEqualTo(GERMANY);
        assertThat(germany.networkPrefixLength()).isEqualTo(47);
        assertThat(germany.precision()).isEqualTo(Location.Precision.COUNTRY);
    }

    @Test
    void ipv6OutsideEveryNetworkIsUnknownAndFamiliesDoNotMix() {
        assertThat(table.locate(ip("2001:db8:4::1"))).isSameAs(Location.UNKNOWN);
        assertThat(table.locate(ip("::1"))).isSameAs(Location.UNKNOWN); // 0.0.0.0/0 is IPv4 only
        assertThat(table.locate(null)).isSameAs(Location.UNKNOWN);
    }

    @Test
    void longestPrefixWins() {
        assertThat(table.locate(ip("10.1.2.3")).place()).isEqualTo(TestWorlds.SYDNEY);
        assertThat(table.locate(ip("10.2.0.1")).place()).isEqualTo(TOKYO);
        assertThat(table.locate(ip("192.0.2.1")).place()).isEqualTo(TestWorlds.SAO_PAULO);
    }

    @Test
    void aNetworkWithNestedNetworksReportsTheLongerPrefixThatExcludesThem() {
        // 10.2.0.1 is in 10.0.0.0/8, but 10.0.0.0/15 would include the Sydney /16: the largest
        // network around 10.2.0.1 that answers Tokyo throughout is 10.2.0.0/15 (RFC 7871 7.2.1).
        Location tokyo = table.locate(ip("10.2.0.1"));
        assertThat(tokyo.network()).isEqualTo("10.0.0.0/8");
        assertThat(tokyo.networkPrefixLength()).isEqualTo(15);
        assertThat(table.locate(ip("10.128.0.1")).networkPrefixLength()).isEqualTo(9);
        // The catch-all /0 leaves at the first bit that differs from every other network.
        assertThat(table.locate(ip("192.0.2.1")).networkPrefixLength()).isEqualTo(1);
        assertThat(table.locate(ip("10.1.2.3")).networkPrefixLength()).isEqualTo(16);
    }

    @Test
    void lookupsOfUnnestedNetworksShareOneLocation() {
        assertThat(table.locate(ip("127.0.1.1"))).isSameAs(table.locate(ip("127.0.1.200")));
    }

    @Test
    void hostRoutesAndFullLengthPrefixesWork() {
        LabNetworkTable hosts = new LabNetworkTable(List.of(
                net("192.0.2.1/32", TOKYO), net("2001:db8::1/128", TestWorlds.SYDNEY)));

        assertThat(hosts.locate(ip("192.0.2.1")).networkPrefixLength()).isEqualTo(32);
        assertThat(hosts.locate(ip("192.0.2.2"))).isSameAs(Location.UNKNOWN);
        assertThat(hosts.locate(ip("2001:db8::1")).place()).isEqualTo(TestWorlds.SYDNEY);
        assertThat(hosts.locate(ip("2001:db8::1")).networkPrefixLength()).isEqualTo(128);
    }

    @Test
    void emptyTableKnowsNothing() {
        assertThat(new LabNetworkTable(List.of()).locate(ip("127.0.0.1"))).isSameAs(Location.UNKNOWN);
    }

    @Test
    void aNetworkListedTwiceIsRefused() {
        assertThatThrownBy(() -> new LabNetworkTable(List.of(
                net("127.0.1.0/24", TOKYO), net("127.0.1.0/24", TestWorlds.SYDNEY))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.1.0/24");
    }

    @Test
    void manyNetworksStillMatchEachOther() {
        List<LabNetwork> nets = new ArrayList<>();
        for (int i = 1; i <= 250; i++) {
            nets.add(net("127.0." + i + ".0/24", new Place("City " + i, "DE", Continent.EU, 0, i % 180)));
        }
        LabNetworkTable big = new LabNetworkTable(nets);

        for (int i = 1; i <= 250; i++) {
            assertThat(big.locate(ip("127.0." + i + ".9")).place().city()).isEqualTo("City " + i);
        }
    }

    @Test
    void repeatedLookupsAnswerLikeTheFirstOne() throws Exception {
        // The IPv4 side remembers recent answers: a repeat, and a neighbour sharing a cache slot,
        // must still get exactly what a fresh walk of the table gives.
        for (int round = 0; round < 3; round++) {
            for (int host = 0; host < 2048; host += 7) {
                java.net.InetAddress a = java.net.InetAddress.getByAddress(
                        new byte[] {127, 0, (byte) (host >> 8), (byte) host});
                Location cached = table.locate(a);
                Location fresh = new LabNetworkTable(NETWORKS).locate(a);
                assertThat(cached).as("%s round %d", a, round).isEqualTo(fresh);
            }
        }
    }

    /** The lookup keys its cache on this: an IPv4 address's hash code is the address itself. */
    @Test
    void anIpv4AddressHashesToItsOwnBits() throws Exception {
        for (String a : List.of("127.0.1.1", "10.255.0.7", "198.18.74.1", "255.255.255.255", "0.0.0.0")) {
            byte[] b = InetAddress.getByName(a).getAddress();
            int bits = (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
            assertThat(InetAddress.getByName(a).hashCode()).as(a).isEqualTo(bits);
        }
    }
}
