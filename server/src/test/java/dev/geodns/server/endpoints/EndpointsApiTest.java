package dev.geodns.server.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geodns.config.WorldLoader;
import dev.geodns.server.GeoDnsServer;
import dev.geodns.server.admin.AdminApi;
import dev.geodns.server.admin.AdminAuth;
import dev.geodns.server.admin.AdminServer;
import dev.geodns.server.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import javax.script.Invocable;
import javax.script.ScriptEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.nashorn.api.scripting.NashornScriptEngineFactory;

/**
 * {@code GET /endpoints} and {@code GET /pac} over HTTP on the built-in world: the list parses as
 * the endpoint web service's shape, and the PAC file, run in a real JavaScript engine, sends an
 * Optimize URL DIRECT and a Default one to the proxy.
 */
class EndpointsApiTest {
    static GeoDnsServer server;
    static AdminServer admin;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** shExpMatch as PAC runtimes define it: shell glob, * and ? only. */
    private static final String PAC_RUNTIME = "function shExpMatch(s, p) {"
            + " var re = '^' + p.replace(/[.+^${}()|\\[\\]\\\\]/g, '\\\\$&').replace(/\\*/g, '.*').replace(/\\?/g, '.') + '$';"
            + " return new RegExp(re).test(s); }\n";

    @BeforeAll
    static void start() throws Exception {
        server = GeoDnsServer.builder().world(WorldLoader.builtIn()).dns(new InetSocketAddress("127.0.0.1", 0))
                .threads(1).start();
        admin = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), new AdminApi(server, null, null, AdminAuth.open()));
    }

    @AfterAll
    static void stop() {
        admin.close();
        server.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(admin.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void endpointsHaveTheWebServiceShape() throws Exception {
        HttpResponse<String> r = get("/endpoints");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode list = new ObjectMapper().readTree(r.body());
        assertThat(list.isArray()).isTrue();
        Set<Integer> ids = new HashSet<>();
        JsonNode exchange = null;
        for (JsonNode set : list) {
            assertThat(set.get("id").isInt()).isTrue();
            assertThat(ids.add(set.get("id").asInt())).as("ids are unique").isTrue();
            assertThat(set.get("serviceArea").asText()).isIn("Exchange", "SharePoint", "Skype", "Common");
            assertThat(set.get("urls").isArray()).isTrue();
            assertThat(set.get("ips").isArray()).isTrue();
            set.get("ips").forEach(ip -> assertThat(ip.asText()).matches(".+/(32|128)"));
            assertThat(set.get("tcpPorts").asText()).isEqualTo("80,443");
            assertThat(set.get("category").asText()).isIn("Optimize", "Allow", "Default");
            assertThat(set.get("required").isBoolean()).isTrue();
            for (JsonNode u : set.get("urls")) {
                if (u.asText().equals("outlook.office365.com")) {
                    exchange = set;
                }
            }
        }
        assertThat(exchange).isNotNull();
        assertThat(exchange.get("category").asText()).isEqualTo("Optimize");
        assertThat(exchange.get("serviceArea").asText()).isEqualTo("Exchange");
        // the lab's own addresses: Frankfurt's front door is among them
        assertThat(exchange.get("ips").toString()).contains("\"" + WorldLoader.builtIn().site("fra").orElseThrow()
                .ipv4().get(0).getHostAddress() + "/32\"");
        JsonNode china = new ObjectMapper().readTree(get("/endpoints?cloud=china").body());
        china.forEach(s -> assertThat(s.get("notes").asText()).contains("cloud china"));
    }

    @Test
    void pacSendsOptimizeDirectAndDefaultToTheProxy() throws Exception {
        HttpResponse<String> r = get("/pac?proxy=proxy.lab.test:3128");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("application/x-ns-proxy-autoconfig");
        Invocable pac = engine(r.body());
        assertThat(pac.invokeFunction("FindProxyForURL", "https://outlook.office365.com/owa/", "OUTLOOK.office365.com"))
                .isEqualTo("DIRECT");
        assertThat(pac.invokeFunction("FindProxyForURL", "https://contoso.sharepoint.com/", "contoso.sharepoint.com"))
                .isEqualTo("DIRECT");
        // www.office.com is Default, login.microsoftonline.com Allow: both through the proxy
        assertThat(pac.invokeFunction("FindProxyForURL", "https://www.office.com/", "www.office.com"))
                .isEqualTo("PROXY proxy.lab.test:3128");
        assertThat(pac.invokeFunction("FindProxyForURL", "https://login.microsoftonline.com/", "login.microsoftonline.com"))
                .isEqualTo("PROXY proxy.lab.test:3128");
        Invocable allow = engine(get("/pac?direct=Optimize,Allow").body());
        assertThat(allow.invokeFunction("FindProxyForURL", "https://login.microsoftonline.com/", "login.microsoftonline.com"))
                .isEqualTo("DIRECT");
        assertThat(allow.invokeFunction("FindProxyForURL", "https://www.office.com/", "www.office.com"))
                .isEqualTo("PROXY " + PacFile.DEFAULT_PROXY);
        assertThat(get("/pac?proxy=bad%20proxy").statusCode()).isEqualTo(400);
    }

    @Test
    void theCliPrintsTheSameListAndPac() throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int json;
        int pacCode;
        String pacText;
        try {
            json = Main.run("endpoints");
            String list = out.toString(StandardCharsets.UTF_8);
            assertThat(new ObjectMapper().readTree(list)).isEqualTo(new ObjectMapper().readTree(get("/endpoints").body()));
            out.reset();
            pacCode = Main.run("endpoints", "--pac", "--proxy", "10.0.0.1:8080");
            pacText = out.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(old);
        }
        assertThat(json).isZero();
        assertThat(pacCode).isZero();
        assertThat(engine(pacText).invokeFunction("FindProxyForURL", "https://teams.microsoft.com/", "teams.microsoft.com"))
                .isEqualTo("DIRECT");
        assertThat(engine(pacText).invokeFunction("FindProxyForURL", "https://portal.office.com/", "portal.office.com"))
                .isEqualTo("PROXY 10.0.0.1:8080");
    }

    private static Invocable engine(String pac) throws Exception {
        ScriptEngine js = new NashornScriptEngineFactory().getScriptEngine();
        js.eval(PAC_RUNTIME);
        js.eval(pac);
        return (Invocable) js;
    }
}
