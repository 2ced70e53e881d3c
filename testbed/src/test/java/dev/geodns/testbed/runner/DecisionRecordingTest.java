package dev.geodns.testbed.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geodns.testbed.report.ReportFormat;
import dev.geodns.testbed.scenario.BuiltInScenarios;
import org.junit.jupiter.api.Test;

/** The runner records the in-process server's routing decision on every step the server routed. */
class DecisionRecordingTest {
    @Test
    void everyRoutedStepCarriesTheServersDecisionAndCacheStepsNone() throws Exception {
        RunResult run = new ScenarioRunner(BuiltInScenarios.load("outage")).run();
        LookupResult uncached = run.result("uncached", "exchange", 1).orElseThrow();
        Decision d = uncached.resolution().lastDecision();
        assertThat(d).isNotNull();
        assertThat(d.site()).isEqualTo("hhn").isEqualTo(uncached.site().id());
        assertThat(d.policy()).isEqualTo("nearest");
        assertThat(d.drainedSkipped()).containsExactly("fra");
        assertThat(d.locatedBy()).isEqualTo("no-ecs");
        assertThat(d.located()).isEqualTo(run.scenario().resolver("frankfurt-nocache").orElseThrow().address()
                .getHostAddress());
        assertThat(d.origin()).isEqualTo("lab-network");
        assertThat(d.place()).contains("Frankfurt");
        assertThat(d.defaultUsed()).isFalse();

        // the cached client's round 1 came from the cache: no step was routed
        LookupResult cached = run.result("cached", "exchange", 1).orElseThrow();
        assertThat(cached.resolution().steps()).allSatisfy(s -> assertThat(s.decision()).isNull());
        // every step that asked the server and got an answer routed by it has one
        LookupResult first = run.result("cached", "exchange", 0).orElseThrow();
        assertThat(first.resolution().steps()).filteredOn(s -> !s.fromCache()).isNotEmpty()
                .anySatisfy(s -> assertThat(s.decision()).isNotNull());

        JsonNode doc = new ObjectMapper().readTree(ReportFormat.JSON.render(run));
        JsonNode steps = doc.get("results").get(4).get("steps"); // round 1, uncached
        assertThat(doc.get("results").get(4).get("client").asText()).isEqualTo("uncached");
        assertThat(steps.findValues("decision")).anySatisfy(n -> {
            assertThat(n.get("site").asText()).isEqualTo("hhn");
            assertThat(n.get("drainedSkipped").get(0).asText()).isEqualTo("fra");
        });
        assertThat(ReportFormat.TABLE.render(run)).contains("server decision").contains("nearest from Frankfurt");
    }
}
