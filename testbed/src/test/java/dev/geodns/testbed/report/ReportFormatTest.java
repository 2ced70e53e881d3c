package dev.geodns.testbed.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geodns.config.model.Site;
import dev.geodns.testbed.runner.RunResult;
import dev.geodns.testbed.runner.ScenarioRunner;
import dev.geodns.testbed.scenario.BuiltInScenarios;
import dev.geodns.testbed.scenario.ClientSpec;
import dev.geodns.testbed.scenario.ResolverSpec;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The three report formats, checked on scenarios with VPNs (vpn-shift) and with events (outage). */
class ReportFormatTest {
    private static final Map<String, RunResult> RUNS = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunResult run(String name) {
        return RUNS.computeIfAbsent(name, n -> {
            try {
                return new ScenarioRunner(BuiltInScenarios.load(n)).run();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"vpn-shift", "outage"})
    void htmlIsWellFormedXhtmlWithOneMapElementPerClientResolverAndSite(String name) throws Exception {
        RunResult run = run(name);
        String html = ReportFormat.HTML.render(run);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/1999/xhtml");

        List<Element> all = elements(doc);
        for (ClientSpec c : run.scenario().clients()) {
            assertThat(all).as("client " + c.id()).filteredOn(e -> c.id().equals(e.getAttribute("data-client")))
                    .hasSize(1);
        }
        for (ResolverSpec r : run.scenario().resolvers()) {
            assertThat(all).filteredOn(e -> r.id().equals(e.getAttribute("data-resolver"))).hasSize(1);
        }
        assertThat(run.sites()).isNotEmpty();
        for (Site s : run.sites()) {
            assertThat(all).as("site " + s.id()).filteredOn(e -> s.id().equals(e.getAttribute("data-site"))).hasSize(1);
        }
        assertThat(all).filteredOn(e -> e.hasAttribute("data-client")).hasSize(run.scenario().clients().size());
        assertThat(all).filteredOn(e -> e.hasAttribute("data-site")).hasSize(run.sites().size());
        // self-contained: no scripts, nothing fetched
        assertThat(doc.getElementsByTagNameNS("*", "script").getLength()).isZero();
        assertThat(html).doesNotContain("src=").doesNotContain("href=").doesNotContain("@import");
        // the map has land, and the model is stated
        assertThat(all).filteredOn(e -> "land".equals(e.getAttribute("class")))
                .singleElement().satisfies(e -> assertThat(e.getAttribute("d").length()).isGreaterThan(10_000));
        assertThat(html).contains("2 * distance_km / 200 * stretch (internet stretch 1.5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"vpn-shift", "outage"})
    void jsonFollowsItsPublishedSchema(String name) throws Exception {
        JsonNode doc = JSON.readTree(ReportFormat.JSON.render(run(name)));
        JsonNode schema;
        try (InputStream in = JsonReport.class.getResourceAsStream(JsonReport.SCHEMA_RESOURCE)) {
            schema = JSON.readTree(in);
        }
        assertThat(new MiniJsonSchema(schema).validate(doc)).isEmpty();
        assertThat(new MiniJsonSchema(schema).undeclared(doc)).as("keys the schema does not declare").isEmpty();
        assertThat(doc.get("schema").asText()).isEqualTo(JsonReport.SCHEMA).isEqualTo(schema.get("$id").asText());
        assertThat(doc.get("clock").asText()).isEqualTo("virtual");
        assertThat(doc.at("/model/fibreKmPerMs").asDouble()).isEqualTo(200);
        assertThat(doc.at("/model/stretch").asDouble()).isEqualTo(1.5);
        assertThat(doc.get("results").size()).isEqualTo(run(name).results().size());
        assertThat(doc.at("/summary/passed").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vpn-shift"})
    void schemaCheckerCatchesMissingKeysAndWrongTypes(String name) throws Exception {
        JsonNode doc = JSON.readTree(ReportFormat.JSON.render(run(name)));
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("summary")).remove("passed");
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("results").get(0)).put("rttMs", "fast");
        JsonNode schema;
        try (InputStream in = JsonReport.class.getResourceAsStream(JsonReport.SCHEMA_RESOURCE)) {
            schema = JSON.readTree(in);
        }
        assertThat(new MiniJsonSchema(schema).validate(doc)).containsExactlyInAnyOrder(
                "/results/0/rttMs: expected [number, null], got STRING", "/summary: missing required key passed");
    }

    @org.junit.jupiter.api.Test
    void everyFormatShowsHowLongEachClientKeptTheDrainedSite() throws Exception {
        RunResult run = run("outage");
        String table = ReportFormat.TABLE.render(run);
        assertThat(table).contains("after the drains (time from the drain to the first answer with another site,"
                        + " virtual clock")
                .contains("cached exchange via frankfurt-isp: fra drained at t=5s -> hhn at t=33s (round 3): 28.00 s"
                        + " after the drain, 2 answers still fra")
                .contains("uncached exchange via frankfurt-nocache: fra drained at t=5s -> hhn at t=11s (round 1):"
                        + " 6.00 s after the drain, 0 answers still fra");
        JsonNode moves = JSON.readTree(ReportFormat.JSON.render(run)).get("moves");
        assertThat(moves).hasSize(3);
        assertThat(moves.get(0).get("client").asText()).isEqualTo("cached");
        assertThat(moves.get(0).get("seconds").asDouble()).isEqualTo(28.0);
        assertThat(moves.get(0).get("staleAnswers").asInt()).isEqualTo(2);
        assertThat(ReportFormat.HTML.render(run)).contains("<h2>After the drains</h2>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"vpn-shift"})
    void tableStatesTheModelAndEveryLookup(String name) {
        RunResult run = run(name);
        String table = ReportFormat.TABLE.render(run);
        assertThat(table).contains("rtt_ms = sum over legs of 2 * distance_km / 200 * stretch")
                .contains("berlin-split").contains("seattle-vpn-full").contains("PASS ")
                .contains("9 lookups (9 reached a site), 8 expectations: 8 passed, 0 failed");
        assertThat(table.lines().filter(l -> l.startsWith("berlin-"))).hasSize(run.results().size());
    }

    private static List<Element> elements(Document doc) {
        NodeList nodes = doc.getElementsByTagNameNS("*", "*");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }
}
