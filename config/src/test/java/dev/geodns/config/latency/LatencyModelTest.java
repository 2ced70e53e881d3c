package dev.geodns.config.latency;


import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.World;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyModelTest {
    private final World world = WorldLoader.builtIn();
    private final LatencyModel model = new LatencyModel(new LatencySettings(200, 1.5, 1.2, List.of("exchange")));
    private final Point berlin = new Point("Berlin", 52.52, 13.40, "EU");
    private final Point seattle = new Point("Seattle", 47.61, -122.33, "NA");

    @Test
    void roundTripIsTwiceTheDistanceOverFibreSpeedTimesStretch() {
        assertThat(model.rttMs(1000, 1.5)).isCloseTo(15.0, within(1e-9));
        assertThat(model.rttMs(1000, 1.0)).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void exchangeAddsTheBackboneLegToTheTenantsMailbox() {
        Site fra = world.site("fra").orElseThrow();
        Site mailbox = model.mailboxSite(world, "exchange", "contoso");
        List<Leg> legs = model.path(berlin, null, fra, mailbox);
        assertThat(legs).extracting(Leg::kind).containsExactly(Leg.Kind.ACCESS, Leg.Kind.BACKBONE);
        assertThat(legs.get(1).to().label()).isEqualTo("Des Moines, US");
        assertThat(legs.get(1).stretch()).isEqualTo(1.2);
        assertThat(LatencyModel.total(legs)).isCloseTo(legs.get(0).rttMs() + legs.get(1).rttMs(), within(1e-9));
        // the portal does not proxy to the mailbox
        assertThat(model.mailboxSite(world, "portal", "contoso")).isNull();
        assertThat(model.path(berlin, null, fra, model.mailboxSite(world, "portal", "contoso")))
                .extracting(Leg::kind).containsExactly(Leg.Kind.ACCESS);
    }

    @Test
    void fullTunnelGoesThroughTheOffice() {
        Site eat = world.site("eat").orElseThrow();
        List<Leg> legs = model.path(berlin, seattle, eat, null);
        assertThat(legs).extracting(Leg::kind).containsExactly(Leg.Kind.TUNNEL, Leg.Kind.ACCESS);
        assertThat(legs.get(0).distanceKm()).isBetween(8000.0, 8200.0);
        assertThat(legs.get(1).distanceKm()).isLessThan(200);
    }

    @Test
    void defaultsPutExchangeOnTheBackboneAndStateTheirConstants() {
        LatencySettings d = LatencySettings.defaults(world);
        assertThat(d.backboneServices()).contains("exchange").doesNotContain("portal", "sharepoint");
        assertThat(new LatencyModel(d).formula())
                .isEqualTo("rtt_ms = sum over legs of 2 * distance_km / 200 * stretch (internet stretch 1.5, backbone stretch 1.2)");
    }
}
