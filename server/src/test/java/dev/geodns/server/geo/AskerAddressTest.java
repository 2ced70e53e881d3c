package dev.geodns.server.geo;

import static dev.geodns.server.routing.TestWorlds.ecs;
import static dev.geodns.server.routing.TestWorlds.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.server.routing.TestWorlds;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Every branch of the one class that chooses the located address and the ECS scope (RFC 7871). */
class AskerAddressTest {
    private static final InetAddress SEATTLE_RESOLVER = ip("127.0.2.53");
    private static final Location FRANKFURT_24 =
            new Location(TestWorlds.FRANKFURT, LocationOrigin.LAB_NETWORK, Location.Precision.CITY, false, 24,
                    "127.0.1.0/24");
    private static final Location GEOIP_16 =
            new Location(TestWorlds.FRANKFURT, LocationOrigin.GEOIP, Location.Precision.CITY, false, 16,
                    "127.0.0.0/16");

    @Test
    void noEcsLocatesTheSourceWithScopeZero() {
        AskerAddress a = AskerAddress.choose(SEATTLE_RESOLVER, null, true);

        assertThat(a.address()).isEqualTo(SEATTLE_RESOLVER);
        assertThat(a.reason()).isEqualTo(AskerAddress.Reason.NO_ECS);
        assertThat(a.fromEcs()).isFalse();
        assertThat(a.ecs()).isNull();
        assertThat(a.scopeFor(FRANKFURT_24, true)).isZero();
    }

    @Test
    void honouredEcsLocatesTheSubnet() {
        AskerAddress a = AskerAddress.choose(SEATTLE_RESOLVER, ecs("127.0.1.0/24"), true);

        assertThat(a.address()).isEqualTo(ip("127.0.1.0"));
        assertThat(a.reason()).isEqualTo(AskerAddress.Reason.ECS);
        assertThat(a.fromEcs()).isTrue();
    }

    @Test
    void honouredEcsScopeIsTheNetworkCappedAtTheSourcePrefix() {
        assertThat(AskerAddress.choose(SEATTLE_RESOLVER, ecs("127.0.1.0/24"), true).scopeFor(FRANKFURT_24, true))
                .isEqualTo(24);
        assertThat(AskerAddress.choose(SEATTLE_RESOLVER, ecs("127.0.1.128/25"), true).scopeFor(FRANKFURT_24, true))
                .isEqualTo(24);
        assertThat(AskerAddress.choose(SEATTLE_RESOLVER, ecs("127.0.1.0/24"), true).scopeFor(GEOIP_16, true))
                .isEqualTo(16);
        assertThat(AskerAddress.choose(SEATTLE_RESOLVER, ecs("127.0.0.0/20"), true).scopeFor(FRANKFURT_24, true))
                .isEqualTo(20);
    }

    @Test
    void honouredEcsWithAnswerThatDoesNotDependOnLocationHasScopeZero() {
        AskerAddress a = AskerAddress.choose(SEATTLE_RESOLVER, ecs("127.0.1.0/24"), true);

        assertThat(a.scopeFor(FRANKFURT_24, false)).isZero();
        assertThat(a.scopeFor(Location.UNKNOWN, false)).isZero();
    }

    @Test
    void honouredEcsThatCannotBeLocatedIsScopedToTheSourcePrefix() {
        AskerAddress a = AskerAddress.choose(SEATTLE_RESOLVER, ecs("198.51.100.0/22"), true);

        assertThat(a.scopeFor(Location.UNKNOWN, true)).isEqualTo(22);
    }

    @Test
    void ecsIgnoredByTheServiceLocatesTheSourceWithScopeZero() {
        AskerAddress a = AskerAddress.choose(SEATTLE_RESOLVER, ecs("127.0.1.0/24"), false);

        assertThat(a.address()).isEqualTo(SEATTLE_RESOLVER);
        assertThat(a.reason()).isEqualTo(AskerAddress.Reason.ECS_NOT_HONOURED);
        assertThat(a.ecs()).isNotNull();
        assertThat(a.scopeFor(FRANKFURT_24, true)).isZero();
    }

    @Test
    void sourcePrefixZeroIsAnOptOutThatLocatesTheSource() {
        AskerAddress v4 = AskerAddress.choose(SEATTLE_RESOLVER, ecs("0.0.0.0/0"), true);
        AskerAddress v6 = AskerAddress.choose(SEATTLE_RESOLVER, ecs("::/0"), true);

        assertThat(v4.address()).isEqualTo(SEATTLE_RESOLVER);
        assertThat(v4.reason()).isEqualTo(AskerAddress.Reason.ECS_OPT_OUT);
        assertThat(v4.scopeFor(FRANKFURT_24, true)).isZero();
        assertThat(v6.reason()).isEqualTo(AskerAddress.Reason.ECS_OPT_OUT);
        assertThat(v6.scopeFor(FRANKFURT_24, true)).isZero();
    }

    @Test
    void ipv6EcsIsLocatedAsIpv6() {
        AskerAddress a = AskerAddress.choose(SEATTLE_RESOLVER, ecs("2001:db8:1::/56"), true);
        Location v6 = new Location(TestWorlds.FRANKFURT, LocationOrigin.LAB_NETWORK, Location.Precision.CITY, false,
                48, "2001:db8:1::/48");

        assertThat(a.address()).isEqualTo(ip("2001:db8:1::"));
        assertThat(a.scopeFor(v6, true)).isEqualTo(48);
    }
}
