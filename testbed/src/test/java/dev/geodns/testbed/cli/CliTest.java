package dev.geodns.testbed.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.model.CityResponse;
import dev.geodns.config.WorldLoader;
import dev.geodns.server.GeoDnsServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    private record Outcome(int code, String out, String err) {
    }

    private static Outcome cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void listShowsEveryBuiltInOnOneLine() {
        Outcome o = cli("list");
        assertThat(o.code()).isZero();
        assertThat(o.out().lines()).hasSize(7).anySatisfy(l -> assertThat(l).startsWith("vpn-ecs "))
                .anySatisfy(l -> assertThat(l).startsWith("teams-vpn "));
    }

    @Test
    void showPrintsTheScenarioFile() {
        Outcome o = cli("show", "outage");
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("name: outage").contains("round_seconds: 11");
        assertThat(cli("show", "nope").code()).isEqualTo(Main.EXIT_USAGE);
    }

    @Test
    void runWritesTheChosenFormatAndReportsProgressOnStderr(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("report.json");
        Outcome o = cli("run", "sovereign-cloud", "--format", "json", "--out", out.toString(), "--stretch", "2");
        assertThat(o.code()).isZero();
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).contains("scenario sovereign-cloud: server in-process 127.0.0.1:").contains("wrote json report");
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertThat(json.at("/model/stretch").asDouble()).isEqualTo(2.0);
        assertThat(json.at("/summary/passed").asBoolean()).isTrue();
    }

    @Test
    void failedExpectationExitsNonZero(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("wrong.yaml");
        Files.writeString(file, """
                name: wrong
                description: expects Exchange in Asia for a Frankfurt client
                resolvers: [{id: r, place: Frankfurt}]
                clients: [{id: c, place: Frankfurt, resolver: r, lookups: [exchange]}]
                expect: [{client: c, lookup: exchange, continent: AS}]
                """);
        Outcome o = cli("run", file.toString(), "-q");
        assertThat(o.code()).isEqualTo(Main.EXIT_EXPECTATION_FAILED);
        assertThat(o.out()).contains("FAIL c exchange (every round): continent AS")
                .contains("round 0: reached fra in EU, expected continent AS");
        assertThat(o.err()).contains("1 expectation(s) failed");
    }

    @Test
    void invalidScenarioExitsWithUsageErrorNamingTheLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "name: bad\ndescription: d\nresolvers: [{id: r, place: Atlantis}]\nclients: []\n");
        Outcome o = cli("run", file.toString());
        assertThat(o.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(o.err()).contains(file + ":3: resolvers[0].place: 'Atlantis' is not a city");
    }

    @Test
    void runAgainstARunningServer() throws Exception {
        try (GeoDnsServer server = GeoDnsServer.builder().world(WorldLoader.builtIn())
                .dns(new InetSocketAddress("127.0.0.1", 0)).threads(1).start()) {
            InetSocketAddress a = server.dnsAddresses().get(0);
            Outcome o = cli("run", "vpn-shift", "--server", "127.0.0.1:" + a.getPort(), "-q");
            assertThat(o.code()).isZero();
            assertThat(o.out()).contains("server remote 127.0.0.1:" + a.getPort());
            // events need the in-process server
            Outcome outage = cli("run", "outage", "--server", "127.0.0.1:" + a.getPort(), "-q");
            assertThat(outage.code()).isEqualTo(Main.EXIT_USAGE);
            assertThat(outage.err()).contains("has events (drain/restore), which need the in-process server");
        }
    }

    @Test
    void serverThatNeverAnswersFailsTheRun() throws Exception {
        int port;
        try (java.net.DatagramSocket closed = new java.net.DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            port = closed.getLocalPort(); // free once closed: nothing listens there
        }
        Outcome o = cli("run", "nearest-datacenter", "--server", "127.0.0.1:" + port, "--timeout-ms", "300", "-q");
        assertThat(o.code()).isEqualTo(Main.EXIT_RUN_FAILED);
        assertThat(o.err()).contains("no reply from the server at remote 127.0.0.1:" + port);
    }

    @Test
    void resolverKindOverrideIsValidatedLikeTheScenario() {
        Outcome knot = cli("run", "vpn-ecs", "--resolver-kind", "knot-resolver", "-q");
        assertThat(knot.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(knot.err()).contains("invalid scenario with --resolver-kind knot-resolver:")
                .containsPattern("builtin:vpn-ecs\\.yaml:\\d+: resolvers\\[2\\]\\.ecs: ")
                .contains("resolvers[2].ecs: knot-resolver (software knot-resolver set for"
                        + " every resolver by the override) cannot send ECS");
        Outcome bogus = cli("run", "vpn-shift", "--resolver-kind", "bind9", "-q");
        assertThat(bogus.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(bogus.err()).contains("unknown resolver kind 'bind9'");
        Outcome remote = cli("run", "vpn-shift", "--resolver-kind", "unbound", "--server", "192.0.2.1:53", "-q");
        assertThat(remote.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(remote.err()).contains("192.0.2.1 is not a loopback address");
    }

    @Test
    void missingResolverExitsWithSkippedNamingThePackage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("missing.yaml");
        Files.writeString(file, """
                name: missing
                description: a resolver whose binary is not installed
                resolvers: [{id: r, place: Berlin, software: dnsmasq, binary: /nonexistent/dnsmasq}]
                clients: [{id: c, place: Berlin, resolver: r, lookups: [portal]}]
                expect: [{client: c, lookup: portal, continent: EU}]
                """);
        Outcome o = cli("run", file.toString(), "-q");
        assertThat(o.code()).isEqualTo(Main.EXIT_SKIPPED).isEqualTo(4);
        assertThat(o.err()).contains("scenario missing: SKIPPED 1 lookup(s): dnsmasq is not installed")
                .contains("apt-get install -y dnsmasq");
        assertThat(o.out()).contains("SKIP c portal").contains("r: local at Berlin, DE, dnsmasq, source 127.0.6.53")
                .contains("SKIPPED: dnsmasq is not installed");
    }

    @Test
    void mmdbWritesTheLabPlanForGeoIpReaders(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("lab.mmdb");
        Outcome o = cli("mmdb", "--world", "builtin", "--out", db.toString());
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("wrote " + WorldLoader.builtIn().networks().size() + " lab networks of world 'office365'");
        try (DatabaseReader reader = new DatabaseReader.Builder(db.toFile()).build()) {
            assertThat(reader.getMetadata().getDatabaseType()).isEqualTo("GeoIP2-City");
            CityResponse berlin = reader.city(InetAddress.getByName("127.0.6.53"));
            assertThat(berlin.getCity().getName()).isEqualTo("Berlin");
            assertThat(berlin.getCountry().getIsoCode()).isEqualTo("DE");
            assertThat(berlin.getLocation().getLatitude()).isEqualTo(52.52);
            assertThat(reader.city(InetAddress.getByName("2001:db8:2::1")).getCity().getName()).isEqualTo("Seattle");
        }
    }

    @Test
    void noArgumentsIsAUsageErrorWithTheUsageOnStderr() {
        Outcome o = cli();
        assertThat(o.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).contains("Missing required subcommand").contains("Usage: geodns-testbed").contains("run");
    }

    @Test
    void bothCommandLinesPrintThePomsVersion() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<parent>.*?<version>([^<]+)</version>",
                java.util.regex.Pattern.DOTALL).matcher(pom);
        assertThat(m.find()).isTrue();
        Outcome o = cli("--version");
        assertThat(o.code()).isZero();
        assertThat(o.out().strip()).isEqualTo("geodns-testbed " + m.group(1));
        java.io.ByteArrayOutputStream server = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        try {
            System.setOut(new java.io.PrintStream(server, true, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(dev.geodns.server.cli.Main.run("--version")).isZero();
        } finally {
            System.setOut(old);
        }
        assertThat(server.toString(java.nio.charset.StandardCharsets.UTF_8).strip())
                .isEqualTo("GeoDNS Emulator " + m.group(1));
    }

    @Test
    void aMisspeltScenarioNameGetsASuggestion() {
        Outcome show = cli("show", "outgae");
        assertThat(show.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(show.err()).contains("no built-in scenario 'outgae'").contains("did you mean 'outage'?");
        Outcome run = cli("run", "vpn-shfit");
        assertThat(run.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("no built-in scenario 'vpn-shfit' and no such file")
                .contains("did you mean 'vpn-shift'?");
        assertThat(cli("show", "something-else").err()).doesNotContain("did you mean");
    }
}
