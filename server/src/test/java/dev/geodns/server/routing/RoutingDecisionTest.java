package dev.geodns.server.routing;

import static dev.geodns.server.routing.TestWorlds.ecs;
import static dev.geodns.server.routing.TestWorlds.ip;
import static dev.geodns.server.routing.TestWorlds.service;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geodns.config.model.World;
import dev.geodns.server.geo.LabNetworkTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingDecisionTest {
    private final World world = TestWorlds.standard();
    private final DrainState drain = new DrainState(SiteTable.of(world));
    private final Router router = new Router(TestWorlds.compiled(world), drain.table(), new LabNetworkTable(world.networks()), drain);

    @Test
    void jsonMapHasStableKeysAndPlainValues() throws Exception {
        drain.drain("fd-fra");
        RoutingDecision d = router.route(service(world, "exchange"), null, ip("127.0.2.53"), ecs("127.0.1.0/24"));

        Map<String, Object> m = d.toJsonMap();

        assertThat(m.keySet()).containsExactly("service", "cloud", "tenant", "policy", "site", "siteCode",
                "ecsScope", "dependsOnLocation", "located", "location", "defaultUsed", "defaultSite",
                "measuredFrom", "candidates", "drainedSkipped", "allDrained");
        assertThat(m).containsEntry("site", "fd-sea").containsEntry("siteCode", "SEA")
                .containsEntry("ecsScope", 24).containsEntry("policy", "nearest")
                .containsEntry("drainedSkipped", List.of("fd-fra")).containsEntry("tenant", null);
        assertThat(m.get("located")).isEqualTo(Map.of(
                "address", "127.0.1.0", "from", "ecs", "reason", "ECS", "ecs", "127.0.1.0/24"));
        @SuppressWarnings("unchecked")
        Map<String, Object> location = (Map<String, Object>) m.get("location");
        assertThat(location).containsEntry("origin", "LAB_NETWORK").containsEntry("network", "127.0.1.0/24")
                .containsEntry("networkPrefixLength", 24).containsEntry("approximate", false);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> candidates = (List<Map<String, Object>>) m.get("candidates");
        assertThat(candidates.get(0)).containsEntry("site", "fd-fra").containsEntry("drainedSkipped", true)
                .containsEntry("chosen", false);
        assertThat(candidates.get(1)).containsEntry("site", "fd-sea").containsEntry("chosen", true);
        assertThat((Double) candidates.get(0).get("distanceKm")).isBetween(5.0, 20.0);

        // The lead serializes it with Jackson: plain values only.
        String json = new ObjectMapper().writeValueAsString(m);
        assertThat(json).contains("\"site\":\"fd-sea\"");
    }

    @Test
    void unknownLocationSerializesAsNulls() throws Exception {
        RoutingDecision d = router.route(service(world, "exchange"), null, ip("192.0.2.1"), null);

        Map<String, Object> m = d.toJsonMap();

        @SuppressWarnings("unchecked")
        Map<String, Object> location = (Map<String, Object>) m.get("location");
        assertThat(location).containsEntry("origin", "UNKNOWN").containsEntry("place", null)
                .containsEntry("network", null).containsEntry("precision", "NONE");
        assertThat(m).containsEntry("defaultUsed", true).containsEntry("defaultSite", "fd-sea");
        assertThat(new ObjectMapper().writeValueAsString(m)).contains("\"defaultUsed\":true");
        assertThat(d.toString()).contains("fd-sea").contains("default site");
    }
}
