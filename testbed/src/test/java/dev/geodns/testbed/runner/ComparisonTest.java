package dev.geodns.testbed.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geodns.testbed.report.MiniJsonSchema;
import dev.geodns.testbed.report.ReportFormat;
import dev.geodns.testbed.scenario.BuiltInScenarios;
import dev.geodns.testbed.scenario.ResolverSpec;
import dev.geodns.testbed.scenario.Scenario;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/**
 * The comparison matrix and its reports, without real resolvers: the outage played by the emulated
 * resolver, set beside the same outage with the Frankfurt ISP's cache off (which moves its client at
 * once, as dnsmasq does), labelled as a second software.
 */
class ComparisonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Comparison outageBesideUncachedOutage() throws Exception {
        Scenario outage = BuiltInScenarios.load("outage");
        Scenario uncached = outage.withResolvers(outage.resolvers().stream().map(r -> r.id().equals("frankfurt-isp")
                ? new ResolverSpec(r.id(), r.kind(), r.place(), r.address(), r.ecs(), false, r.office(), r.tunnel(),
                        r.tunnelPool()) : r).toList());
        RunResult a = new ScenarioRunner(outage).run();
        RunResult b = new ScenarioRunner(uncached).run();
        return new Comparison(outage, Instant.now(), Duration.ofSeconds(1), List.of(
                new Comparison.Entry("emulated", a, null), new Comparison.Entry("dnsmasq", b, null),
                new Comparison.Entry("knot-resolver", null, "not installed (Debian package knot-resolver)")));
    }

    @Test
    void matrixSetsTheSoftwaresSideBySideAndNamesWhereTheyDiffer() throws Exception {
        Comparison c = outageBesideUncachedOutage();
        assertThat(c.softwares()).containsExactly("emulated", "dnsmasq");
        assertThat(c.matrix()).hasSize(7 * 3);
        Comparison.Row round1 = c.matrix().stream().filter(r -> r.round() == 1 && r.client().equals("cached"))
                .findFirst().orElseThrow();
        assertThat(round1.differs()).isTrue();
        assertThat(round1.cells()).extracting(x -> x.result().site().id()).containsExactly("fra", "hhn");
        // the cached CNAME kept the emulated client on fra; without a cache every step asked the server
        assertThat(round1.cells().get(0).result().resolution().steps()).anyMatch(Step::fromCache);
        assertThat(round1.cells().get(0).result().siteDrained()).isTrue();
        assertThat(round1.cells().get(1).result().resolution().steps()).noneMatch(Step::fromCache);
        assertThat(c.matrix().stream().filter(r -> r.client().equals("uncached"))).noneMatch(Comparison.Row::differs);

        Comparison.EventMove drain = c.eventMoves().stream().filter(m -> m.event().startsWith("drain")
                && m.client().equals("cached")).findFirst().orElseThrow();
        assertThat(drain.differs()).isTrue();
        assertThat(drain.times().get("emulated")).isEqualTo(new Comparison.Change("fra", "hhn", 3, 28.0));
        assertThat(drain.times().get("dnsmasq")).isEqualTo(new Comparison.Change("fra", "hhn", 1, 6.0));
        Comparison.EventMove restore = c.eventMoves().stream().filter(m -> m.event().startsWith("restore")
                && m.client().equals("cached")).findFirst().orElseThrow();
        assertThat(restore.times().get("emulated").round()).isEqualTo(6);
        assertThat(restore.times().get("dnsmasq").round()).isEqualTo(5);
        assertThat(c.findings()).contains(
                "cached exchange after drain fra at t=5s (round 1): moved to hhn in round 3 (emulated 28.0 s);"
                        + " moved to hhn in round 1 (dnsmasq 6.0 s)",
                "cached exchange round 1: reached fra (emulated); hhn (dnsmasq)");
        assertThat(c.findings()).noneMatch(f -> f.startsWith("uncached"));
    }

    @Test
    void everyFormatShowsTheMatrixTheMovesAndTheFindings() throws Exception {
        Comparison c = outageBesideUncachedOutage();
        String table = ReportFormat.TABLE.render(c);
        assertThat(table).contains("knot-resolver: not run: not installed (Debian package knot-resolver)")
                .containsPattern("1\\s+cached\\s+exchange\\s+fra! miss none\\s+hhn miss none\\s+<< differs")
                .contains("findings (where the softwares differ):")
                .contains("moved to hhn after 28.0 s (round 3)").contains("moved to hhn after 6.0 s (round 1)");

        JsonNode doc = JSON.readTree(ReportFormat.JSON.render(c));
        assertThat(MiniJsonSchema.report().validate(doc)).isEmpty();
        assertThat(MiniJsonSchema.report().undeclared(doc)).as("keys the schema does not declare").isEmpty();
        assertThat(doc.get("kind").asText()).isEqualTo("comparison");
        assertThat(doc.get("runs")).hasSize(2);
        assertThat(doc.at("/runs/0/kind").asText()).isEqualTo("run");
        assertThat(doc.at("/softwares/2/ran").asBoolean()).isFalse();
        JsonNode cell = doc.get("matrix").get(3).get("cells").get(1); // round 1, cached, dnsmasq
        assertThat(doc.get("matrix").get(3).get("differs").asBoolean()).isTrue();
        assertThat(cell.get("site").asText()).isEqualTo("hhn");
        assertThat(cell.get("cacheHit").asBoolean()).isFalse();
        assertThat(doc.get("findings").size()).isEqualTo(c.findings().size());

        String html = ReportFormat.HTML.render(c);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertThat(html).contains("data-differs=\"true\"").contains("<li class=\"finding\">cached exchange round 1");
    }

    @Test
    void emulatedOnlyComparisonRunsTheScenarioWithEveryResolverEmulated() throws Exception {
        Comparison c = new ComparisonRunner(kind -> BuiltInScenarios.load("outage", kind), ScenarioRunner::new)
                .softwares(List.of("emulated")).run();
        assertThat(c.entries()).singleElement().satisfies(e -> assertThat(e.ran()).isTrue());
        assertThat(c.findings()).isEmpty();
        assertThat(c.status()).isEqualTo(Comparison.Status.PASSED);
    }
}
