package dev.geodns.testbed.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.World;
import dev.geodns.testbed.scenario.ClientSpec;
import dev.geodns.testbed.scenario.Ecs;
import dev.geodns.testbed.scenario.Lookup;
import dev.geodns.testbed.scenario.ModelSettings;
import dev.geodns.testbed.scenario.ResolverSpec;
import dev.geodns.testbed.scenario.Where;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyModelTest {
    private final World world = WorldLoader.builtIn();
    private final LatencyModel model = new LatencyModel(new ModelSettings(200, 1.5, 1.2, List.of("exchange")));
    private final Where berlin = new Where("Berlin", 52.52, 13.40, "EU");
    private final Where seattle = new Where("Seattle", 47.61, -122.33, "NA");

    private ClientSpec client() throws Exception {
        return new ClientSpec("c", berlin, InetAddress.getByName("127.0.6.10"), "r", null, "contoso", List.of());
    }

    @Test
    void roundTripIsTwiceTheDistanceOverFibreSpeedTimesStretch() {
        assertThat(model.rttMs(1000, 1.5)).isCloseTo(15.0, within(1e-9));
        assertThat(model.rttMs(1000, 1.0)).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void exchangeAddsTheBackboneLegToTheTenantsMailbox() throws Exception {
        Site fra = world.site("fra").orElseThrow();
        List<Leg> legs = model.path(world, client(), null, new Lookup("exchange", "outlook.office365.com.", "exchange",
                "contoso"), fra);
        assertThat(legs).extracting(Leg::kind).containsExactly(Leg.Kind.ACCESS, Leg.Kind.BACKBONE);
        assertThat(legs.get(1).to().label()).isEqualTo("Des Moines, US");
        assertThat(legs.get(1).stretch()).isEqualTo(1.2);
        assertThat(LatencyModel.total(legs)).isCloseTo(legs.get(0).rttMs() + legs.get(1).rttMs(), within(1e-9));
        // the portal does not proxy to the mailbox
        assertThat(model.path(world, client(), null, new Lookup("portal", "portal.office.com.", "portal", "contoso"), fra))
                .extracting(Leg::kind).containsExactly(Leg.Kind.ACCESS);
    }

    @Test
    void fullTunnelGoesThroughTheOffice() throws Exception {
        ResolverSpec vpn = new ResolverSpec("v", ResolverSpec.Kind.VPN, seattle, InetAddress.getByName("127.0.2.53"),
                Ecs.NONE, true, seattle, ResolverSpec.Tunnel.FULL, null);
        Site eat = world.site("eat").orElseThrow();
        List<Leg> legs = model.path(world, client(), vpn, new Lookup("portal", "portal.office.com.", "portal", null), eat);
        assertThat(legs).extracting(Leg::kind).containsExactly(Leg.Kind.TUNNEL, Leg.Kind.ACCESS);
        assertThat(legs.get(0).distanceKm()).isBetween(8000.0, 8200.0);
        assertThat(legs.get(1).distanceKm()).isLessThan(200);
    }
}
