package dev.geodns.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.geodns.config.WorldCompiler;
import dev.geodns.config.WorldLoader;
import dev.geodns.config.latency.LatencyModel;
import dev.geodns.config.latency.Leg;
import dev.geodns.config.latency.Point;
import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.Place;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.World;
import dev.geodns.server.geo.WorldLocator;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A request from a VPN tunnel's exit pays the tunnel leg too: the model's tunnelled path, leg for leg. */
class PathDelayTunnelTest {
    /** In the built-in world's Seattle lab network: a tunnel exit at a Seattle office. */
    static final String EXIT = "127.0.2.77";
    static World world;
    static WorldLocator locator;
    static FrontDoorWorld fw;
    static Place berlin;
    static Place seattle;

    @BeforeAll
    static void load() throws Exception {
        world = WorldLoader.builtIn();
        locator = WorldLocator.open(WorldCompiler.compile(world));
        fw = FrontDoorWorld.of(world);
        berlin = place("127.0.6.0/24");
        seattle = place("127.0.2.0/24");
    }

    @AfterAll
    static void close() throws Exception {
        locator.close();
    }

    static Place place(String cidr) {
        return world.networks().stream().filter(n -> n.cidr().toString().equals(cidr)).findFirst().orElseThrow()
                .place();
    }

    @Test
    void aTunnelExitIsDelayedByTheTunnelLegTheAccessLegFromTheOfficeAndTheBackbone() throws Exception {
        Site fra = world.site("fra").orElseThrow();
        Site mailbox = world.site("us-des-moines").orElseThrow();
        PathDelay d = PathDelay.compute(fw.model(), locator, InetAddress.getByName(EXIT), fra, mailbox, null,
                berlin, 0, 0);
        assertThat(d.legs()).extracting(Leg::kind).containsExactly(Leg.Kind.TUNNEL, Leg.Kind.ACCESS,
                Leg.Kind.BACKBONE);
        assertThat(d.legs().get(0).from().label()).isEqualTo("Berlin, DE");
        assertThat(d.legs().get(0).to().label()).isEqualTo("Seattle, US");
        assertThat(d.legs().get(1).from().label()).isEqualTo("Seattle, US");
        assertThat(d.tunnelFrom().label()).isEqualTo("Berlin, DE");
        assertThat(d.client().label()).isEqualTo("Seattle, US");
        // exactly the testbed's modelled path: the model's own call with the client, office, site and mailbox
        List<Leg> modelled = fw.model().path(Point.of(berlin), Point.of(seattle), fra, mailbox);
        assertThat(d.modelMs()).isCloseTo(LatencyModel.total(modelled), within(1e-9));
        assertThat(d.tunnelMs()).isCloseTo(modelled.get(0).rttMs(), within(1e-9)).isGreaterThan(100);
        assertThat(d.appliedMs()).isEqualTo(d.modelMs());
    }

    @Test
    void theSameExitWithoutATunnelIsTheOfficesOwnPathAndTheTunnelAddsExactlyItsLeg() throws Exception {
        Site fra = world.site("fra").orElseThrow();
        InetAddress exit = InetAddress.getByName(EXIT);
        PathDelay office = PathDelay.compute(fw.model(), locator, exit, fra, null, null, null, 0, 0);
        PathDelay tunnel = PathDelay.compute(fw.model(), locator, exit, fra, null, null, berlin, 0, 0);
        assertThat(office.tunnelFrom()).isNull();
        assertThat(office.tunnelMs()).isZero();
        assertThat(office.legs()).extracting(Leg::kind).containsExactly(Leg.Kind.ACCESS);
        assertThat(tunnel.modelMs() - office.modelMs()).isCloseTo(tunnel.tunnelMs(), within(1e-9));
    }

    @Test
    void anUnlocatedExitStandsAtTheDefaultSiteWithoutATunnelLeg() throws Exception {
        Site fra = world.site("fra").orElseThrow();
        Site standIn = fw.standIn(fra.cloud());
        PathDelay d = PathDelay.compute(fw.model(), locator, InetAddress.getByName("127.0.0.1"), fra, null,
                standIn, berlin, 0, 0);
        assertThat(d.standIn()).isEqualTo(standIn);
        assertThat(d.tunnelFrom()).isNull();
        assertThat(d.legs()).extracting(Leg::kind).containsExactly(Leg.Kind.ACCESS);
    }

    @Test
    void tunnelExitsNameTheClientOfTheMostSpecificNetworkAndNothingElse() throws Exception {
        Place sydney = place("127.0.4.0/24");
        TunnelExits exits = new TunnelExits(Map.of(Cidr.parse("198.19.248.0/22"), sydney,
                Cidr.parse("198.19.248.2/32"), berlin));
        assertThat(exits.clientBehind(InetAddress.getByName("198.19.248.2"))).isEqualTo(berlin);
        assertThat(exits.clientBehind(InetAddress.getByName("198.19.248.6"))).isEqualTo(sydney);
        assertThat(exits.clientBehind(InetAddress.getByName("198.19.252.2"))).isNull();
        assertThat(exits.clientBehind(InetAddress.getByName("::1"))).isNull();
        assertThat(TunnelExits.NONE.clientBehind(InetAddress.getByName("198.19.248.2"))).isNull();
    }
}
