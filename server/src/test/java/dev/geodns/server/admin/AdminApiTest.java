package dev.geodns.server.admin;

import static dev.geodns.server.admin.AdminFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The admin API over the wire: java.net.http for the API, dnsjava for the answers it changes. */
class AdminApiTest {
    @TempDir
    Path dir;
    AdminFixture f;

    @BeforeEach
    void start() throws Exception {
        f = AdminFixture.start(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /** The regional name (last CNAME target) answered for outlook.office365.com asked from {@code source}. */
    private String regional(String source) throws Exception {
        Message m = f.query("outlook.office365.com", Type.A, source);
        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
        return m.getSection(Section.ANSWER).stream().filter(r -> r.getType() == Type.CNAME)
                .map(r -> ((CNAMERecord) r).getTarget().toString()).reduce((a, b) -> b).orElseThrow();
    }

    private String aliasAddress() throws Exception {
        Message m = f.query("alias.example.org", Type.A, "127.0.0.1");
        return m.getSection(Section.ANSWER).stream().filter(r -> r.getType() == Type.A)
                .map(Record::rdataToString).findFirst().orElse(null);
    }

    @Test
    void healthIsOkWithWorldAndListeners() throws Exception {
        HttpResponse<String> r = f.get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue(AdminApi.JSON);
        Map<String, Object> body = json(r);
        assertThat(body).containsEntry("status", "ok").containsEntry("world", "test-world").containsEntry("generation", 1);
        assertThat((List<?>) body.get("dns")).hasSize(1);
    }

    @Test
    void metricsServesPrometheusTextWithTheQueriesJustAsked() throws Exception {
        f.query("www.example.org", Type.A, "127.0.0.1");
        HttpResponse<String> r = f.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        assertThat(r.body()).contains("geodns_queries_total{qtype=\"A\",rcode=\"NOERROR\",transport=\"udp\"} 1.0")
                .contains("geodns_world_generation 1.0");
    }

    @Test
    void sitesListsEverySiteWithItsState() throws Exception {
        Map<String, Object> body = json(f.get("/sites"));
        List<Map<String, Object>> sites = castList(body.get("sites"));
        assertThat(sites).extracting(s -> s.get("id")).startsWith("fra", "sea", "sin", "syd", "gru").contains("pvg");
        assertThat(sites.get(0)).containsEntry("kind", "front-door").containsEntry("cloud", "worldwide")
                .containsEntry("city", "Frankfurt").containsEntry("drained", false);
        assertThat(castList(sites.get(0).get("ipv4"))).isNotEmpty();
    }

    @Test
    void drainMovesTheAnswerAndRestoreBringsItBack() throws Exception {
        assertThat(regional("127.0.1.1")).isEqualTo("FRA-efz.ms-acdc.office.com.");

        HttpResponse<String> drained = f.post("/sites/fra/drain");
        assertThat(drained.statusCode()).isEqualTo(200);
        assertThat(json(drained)).containsEntry("site", "fra").containsEntry("drained", true)
                .containsEntry("changed", true).containsEntry("drainedSites", List.of("fra"));
        assertThat(regional("127.0.1.1")).isNotEqualTo("FRA-efz.ms-acdc.office.com.").endsWith("-efz.ms-acdc.office.com.");
        assertThat(sites().get(0)).containsEntry("drained", true);
        assertThat(json(f.post("/sites/fra/drain"))).containsEntry("changed", false);

        HttpResponse<String> restored = f.post("/sites/fra/restore");
        assertThat(restored.statusCode()).isEqualTo(200);
        assertThat(json(restored)).containsEntry("drained", false).containsEntry("changed", true)
                .containsEntry("drainedSites", List.of());
        assertThat(regional("127.0.1.1")).isEqualTo("FRA-efz.ms-acdc.office.com.");
    }

    @Test
    void unknownSiteIs404Json() throws Exception {
        for (String path : List.of("/sites/nowhere/drain", "/sites/nowhere/restore")) {
            HttpResponse<String> r = f.post(path);
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(json(r)).containsEntry("error", "unknown site 'nowhere'").containsEntry("status", 404);
        }
    }

    @Test
    void explainReturnsTheDecision() throws Exception {
        HttpResponse<String> r = f.get("/explain?name=outlook.office365.com&type=A&source=127.0.2.1&ecs=192.0.2.0/24");
        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, Object> body = json(r);
        assertThat(body).containsEntry("rcode", "NOERROR").containsEntry("ecsScope", 24);
        Map<String, Object> decision = castMap(body.get("decision"));
        assertThat(decision).containsEntry("service", "exchange").containsEntry("site", "fra")
                .containsEntry("policy", "nearest");
        assertThat(castMap(decision.get("located"))).containsEntry("from", "ecs");
        assertThat(castList(body.get("answer")).toString()).contains("FRA-efz.ms-acdc.office.com.");
    }

    @Test
    void badExplainParametersAre400Json() throws Exception {
        Map<String, String> cases = Map.of(
                "/explain?source=127.0.0.1", "missing parameter 'name'",
                "/explain?name=www.example.org", "missing parameter 'source'",
                "/explain?name=www.example.org&source=banana", "'banana' is not an IP address",
                "/explain?name=www.example.org&source=127.0.0.1&type=BOGUS", "unknown type 'BOGUS'",
                "/explain?name=www.example.org&source=127.0.0.1&ecs=192.0.2.0/99", "parameter 'ecs'",
                "/explain?name=a..b&source=127.0.0.1", "parameter 'name'");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = f.get(c.getKey());
            assertThat(r.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat((String) json(r).get("error")).as(c.getKey()).contains(c.getValue());
        }
    }

    @Test
    void requestTargetsNoHttpClientWouldSendAre400AndMissingPartsAreSaid() throws Exception {
        AdminApi bare = new AdminApi(f.server, null, null, AdminAuth.open());
        AdminApi.Response malformed = bare.handle("GET", "/explain?name=%zz&source=127.0.0.1", null);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(new String(malformed.body(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("malformed request target");
        assertThat(bare.handle("POST", "/reload", null).status()).isEqualTo(501);
        assertThat(bare.handle("GET", "/metrics", null).status()).isEqualTo(404);
        assertThat(bare.handle("GET", "/sites/", null).status()).isEqualTo(200);
        assertThat(bare.handle("POST", "/sites//drain", null).status()).isEqualTo(404);
    }

    @Test
    void worldSummarisesTheServedWorld() throws Exception {
        Map<String, Object> body = json(f.get("/world"));
        assertThat(body).containsEntry("name", "test-world").containsEntry("generation", 1).containsEntry("sites", 10);
        assertThat((String) body.get("source")).endsWith("world.yaml");
        assertThat(castList(body.get("services"))).contains("exchange", "portal", "sharepoint");
        assertThat(castList(body.get("zones"))).contains("example.org.", "office365.com.");
    }

    @Test
    void unknownEndpointAndWrongMethodAreJsonErrors() throws Exception {
        HttpResponse<String> missing = f.get("/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing)).containsKey("error");

        HttpResponse<String> wrong = f.get("/reload");
        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(wrong.headers().firstValue("allow")).hasValue("POST");
        assertThat(f.post("/health").statusCode()).isEqualTo(405);
        assertThat(f.get("/sites/fra/drain").statusCode()).isEqualTo(405);
    }

    @Test
    void reloadServesTheNewWorldAndCountsIt() throws Exception {
        assertThat(aliasAddress()).isEqualTo("192.0.2.1");
        OpsWorlds.writeB(dir);

        HttpResponse<String> r = f.post("/reload");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r)).containsEntry("ok", true).containsEntry("generation", 2).containsEntry("errors", List.of());
        assertThat(aliasAddress()).isEqualTo("192.0.2.2");
        assertThat(regional("127.0.1.1")).isEqualTo("FRA-b.ms-acdc.office.com.");
        assertThat(json(f.get("/world"))).containsEntry("name", "test-world-b").containsEntry("generation", 2);
        assertThat(f.get("/metrics").body())
                .contains("geodns_world_reloads_total{result=\"ok\",trigger=\"api\"} 1.0")
                .contains("geodns_world_generation 2.0");
    }

    @Test
    void brokenWorldIs422WithItsErrorsAndTheOldWorldKeepsServing() throws Exception {
        OpsWorlds.writeBrokenWorld(dir);
        HttpResponse<String> r = f.post("/reload");
        assertThat(r.statusCode()).isEqualTo(422);
        Map<String, Object> body = json(r);
        assertThat(body).containsEntry("ok", false).containsEntry("generation", 1);
        List<Map<String, Object>> errors = castList(body.get("errors"));
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).containsEntry("key", "bogus_key");
        assertThat((String) errors.get(0).get("file")).endsWith("world.yaml");
        assertThat(f.log).anyMatch(line -> line.contains("rejected")).anyMatch(line -> line.contains("bogus_key"));

        OpsWorlds.writeBrokenZone(dir);
        HttpResponse<String> zone = f.post("/reload");
        assertThat(zone.statusCode()).isEqualTo(422);
        assertThat((String) castList(json(zone).get("errors")).stream().map(e -> ((Map<?, ?>) e).get("file"))
                .findFirst().orElseThrow()).endsWith("example.org.zone");

        assertThat(aliasAddress()).isEqualTo("192.0.2.1");
        assertThat(regional("127.0.1.1")).isEqualTo("FRA-efz.ms-acdc.office.com.");
        assertThat(json(f.get("/health"))).containsEntry("generation", 1);
        assertThat(f.get("/metrics").body())
                .contains("geodns_world_reloads_total{result=\"failed\",trigger=\"api\"} 2.0")
                .contains("geodns_world_reload_errors 1.0");
    }

    @Test
    void drainSurvivesReloadForSitesThatStillExist() throws Exception {
        f.post("/sites/fra/drain");
        OpsWorlds.writeB(dir);
        assertThat(f.post("/reload").statusCode()).isEqualTo(200);
        assertThat(sites().get(0)).containsEntry("id", "fra")
                .containsEntry("drained", true);
        assertThat(regional("127.0.1.1")).isNotEqualTo("FRA-b.ms-acdc.office.com.").endsWith("-b.ms-acdc.office.com.");
        assertThat(f.get("/metrics").body()).contains("geodns_sites_drained 1.0");
    }

    private List<Map<String, Object>> sites() throws Exception {
        return castList(json(f.get("/sites")).get("sites"));
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> castList(Object o) {
        return (List<T>) o;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }
}
