package dev.geodns.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geodns.config.WorldLoader;
import dev.geodns.server.GeoDnsServer;
import dev.geodns.server.cli.CliRun;
import dev.geodns.server.faults.FaultRules;
import dev.geodns.server.metrics.FaultMetrics;
import dev.geodns.server.metrics.ServerMetrics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** {@code /faults} on the admin API: rules switched on and off over HTTP, applied on the wire, listed by explain. */
class AdminFaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private GeoDnsServer server;
    private AdminServer admin;
    private final ServerMetrics metrics = new ServerMetrics();

    private void start(boolean faults) throws Exception {
        GeoDnsServer.Builder b = GeoDnsServer.builder().world(WorldLoader.builtIn())
                .dns(new InetSocketAddress("127.0.0.1", 0)).threads(1).observer(metrics.dns());
        if (faults) {
            FaultRules rules = new FaultRules();
            new FaultMetrics(metrics.registry(), rules);
            b.faults(rules);
        }
        server = b.start();
        admin = AdminServer.start(new InetSocketAddress("127.0.0.1", 0),
                new AdminApi(server, null, metrics, AdminAuth.open()));
    }

    @AfterEach
    void stop() {
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(admin.url() + path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(HttpResponse<String> r) throws Exception {
        return JSON.readValue(r.body(), Map.class);
    }

    private int rcode(String name, int type) throws Exception {
        SimpleResolver r = new SimpleResolver(server.dnsAddresses().get(0));
        r.setLocalAddress(new InetSocketAddress(InetAddress.getByName("127.0.1.32"), 0));
        r.setTimeout(Duration.ofSeconds(2));
        return r.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN))).getRcode();
    }

    @Test
    @SuppressWarnings("unchecked")
    void rulesAreAddedListedAppliedExplainedCountedAndRemoved() throws Exception {
        start(true);
        HttpResponse<String> added = send("POST", "/faults?action=servfail&name=outlook.office365.com&type=A");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        Map<String, Object> rule = body(added);
        assertThat(rule).containsEntry("action", "servfail").containsEntry("name", "outlook.office365.com.")
                .containsEntry("type", "A");
        assertThat(send("POST", "/faults?action=delay&delay-ms=50&jitter-ms=10&name=*.example.org&times=2")
                .statusCode()).isEqualTo(201);

        Map<String, Object> listed = body(send("GET", "/faults"));
        assertThat((List<Object>) listed.get("rules")).hasSize(2);

        assertThat(rcode("outlook.office365.com.", Type.A)).isEqualTo(Rcode.SERVFAIL);
        assertThat(rcode("outlook.office365.com.", Type.AAAA)).isEqualTo(Rcode.NOERROR);
        assertThat(metrics.scrape()).contains("geodns_faults_applied_total{action=\"servfail\"} 1.0");
        assertThat((Map<String, Object>) body(send("GET", "/faults")).get("applied")).containsEntry("servfail", 1);

        Map<String, Object> explained = body(send("GET", "/explain?name=outlook.office365.com&source=127.0.1.1"));
        assertThat(explained.get("rcode")).as("explain shows the answer without the fault").isEqualTo("NOERROR");
        assertThat((List<Map<String, Object>>) explained.get("faults")).singleElement()
                .satisfies(f -> assertThat(f).containsEntry("action", "servfail"));
        assertThat(body(send("GET", "/explain?name=outlook.office365.com&source=127.0.1.1&type=MX")))
                .as("no rule for MX: no faults key").doesNotContainKey("faults");

        CliRun text = CliRun.of("explain", "outlook.office365.com", "--source", "127.0.1.1", "--server", admin.url());
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("faults:").contains("action: servfail");

        Number id = (Number) rule.get("id");
        assertThat(send("DELETE", "/faults/" + id).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/faults/" + id).statusCode()).isEqualTo(404);
        assertThat(rcode("outlook.office365.com.", Type.A)).isEqualTo(Rcode.NOERROR);
        assertThat(send("DELETE", "/faults").statusCode()).isEqualTo(200);
        assertThat((List<Object>) body(send("GET", "/faults")).get("rules")).isEmpty();
    }

    @Test
    void badRulesAre400NamingTheParameter() throws Exception {
        start(true);
        assertThat(body(send("POST", "/faults?name=x.example")).get("error")).asString().contains("'action'");
        assertThat(body(send("POST", "/faults?action=explode")).get("error")).asString().contains("unknown fault");
        assertThat(body(send("POST", "/faults?action=delay")).get("error")).asString().contains("delay-ms");
        assertThat(body(send("POST", "/faults?action=drop&colour=red")).get("error")).asString().contains("colour");
        assertThat(body(send("POST", "/faults?action=truncate&transport=tcp")).get("error")).asString()
                .contains("UDP");
        assertThat(send("PUT", "/faults").statusCode()).isEqualTo(405);
    }

    @Test
    void withoutFaultInjectionTheRoutesSaySo() throws Exception {
        start(false);
        HttpResponse<String> r = send("POST", "/faults?action=drop");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("serve --faults");
    }
}
