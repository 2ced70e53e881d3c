package dev.geodns.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.config.WorldCompiler;
import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.World;
import dev.geodns.server.geo.WorldLocator;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** A request to an anycast address is served by the front door nearest to where the client's packets enter. */
class AnycastEdgeTest {
    @Test
    void theTeamsAddressLeadsToTheClientsNearestEdge() throws Exception {
        World world = WorldLoader.builtIn();
        FrontDoorWorld fw = FrontDoorWorld.of(world);
        WorldLocator locator = WorldLocator.open(WorldCompiler.compile(world));
        Site edge = world.site("teams-edge").orElseThrow();
        InetAddress teams = edge.ipv4().get(0);
        assertThat(fw.siteAt(teams)).isEqualTo(edge);
        assertThat(fw.siteAt(teams, InetAddress.getByName("127.0.1.1"), locator).id()).isEqualTo("fra");
        assertThat(fw.siteAt(teams, InetAddress.getByName("127.0.4.1"), locator).id()).isEqualTo("syd");
        // a front door's own address is that front door, whoever asks
        InetAddress fra = world.site("fra").orElseThrow().ipv4().get(0);
        assertThat(fw.siteAt(fra, InetAddress.getByName("127.0.4.1"), locator).id()).isEqualTo("fra");
    }
}
