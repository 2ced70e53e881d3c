package dev.geodns.testbed.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodns.config.WorldLoader;
import dev.geodns.server.GeoDnsServer;
import dev.geodns.server.admin.AdminApi;
import dev.geodns.server.admin.AdminAuth;
import dev.geodns.server.admin.AdminServer;
import dev.geodns.server.admin.WorldReloader;
import dev.geodns.server.admin.WorldSource;
import dev.geodns.server.metrics.ServerMetrics;
import dev.geodns.server.metrics.WorldMetrics;
import dev.geodns.testbed.cli.Main;
import dev.geodns.testbed.scenario.BuiltInScenarios;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --server} runs apply the scenario's drain and restore events through the server's admin API:
 * a server wired as {@code serve} wires it (admin API with a token, both on ephemeral loopback ports).
 */
class RemoteAdminTest {
    private static final String TOKEN = "lab-token-123";
    private GeoDnsServer server;
    private AdminServer admin;

    @BeforeEach
    void start() throws Exception {
        ServerMetrics metrics = new ServerMetrics();
        server = GeoDnsServer.builder().world(WorldLoader.builtIn()).dns(new InetSocketAddress("127.0.0.1", 0))
                .observer(metrics.dns()).threads(1).start();
        WorldMetrics worldMetrics = new WorldMetrics(metrics.registry(), server::current,
                () -> server.worldState().drain());
        WorldReloader reloader = new WorldReloader(server, WorldSource.files(null, List.of()), worldMetrics, line -> { });
        admin = AdminServer.start(new InetSocketAddress("127.0.0.1", 0),
                new AdminApi(server, reloader, metrics, AdminAuth.token(TOKEN)));
    }

    @AfterEach
    void stop() {
        admin.close();
        server.close();
    }

    @Test
    void outageAgainstARunningServerDrainsAndRestoresThroughTheAdminApi() throws Exception {
        RunResult run = new ScenarioRunner(BuiltInScenarios.load("outage")).server(server.dnsAddresses().get(0))
                .admin(admin.url(), TOKEN).run();
        assertThat(run.inProcess()).isFalse();
        assertThat(run.events()).hasSize(2);
        assertThat(run.expectations()).filteredOn(e -> e.expectation().software().covers("emulated"))
                .allSatisfy(e -> assertThat(e.passed()).as(e.expectation().describe() + " " + e.failures()).isTrue());
        assertThat(run.result("uncached", "exchange", 1).orElseThrow().site().id()).isEqualTo("hhn");
        assertThat(server.drainedSites()).as("restored at t=45s").isEmpty();
        // a remote server's decisions are not observed
        assertThat(run.results()).allSatisfy(r -> assertThat(r.resolution().lastDecision()).isNull());
    }

    @Test
    void aWrongTokenFailsTheRunAtTheFirstEvent() throws Exception {
        ScenarioRunner runner = new ScenarioRunner(BuiltInScenarios.load("outage"))
                .server(server.dnsAddresses().get(0)).admin(admin.url(), "wrong");
        assertThatThrownBy(runner::run).isInstanceOf(IOException.class)
                .hasMessageContaining("answered POST /sites/fra/drain with 401");
        assertThat(server.drainedSites()).isEmpty();
    }

    @Test
    void cliTakesTheAdminUrlAndTokenFile(@TempDir Path dir) throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, TOKEN + "\n");
        int port = server.dnsAddresses().get(0).getPort();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "run", "outage", "--server", "127.0.0.1:" + port,
                "--admin", admin.url(), "--admin-token-file", token.toString(), "-q");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("server remote 127.0.0.1:" + port + " (admin " + admin.url() + ")")
                .contains("PASS cached exchange (round 3): site hhn");

        StringWriter err2 = new StringWriter();
        int noAdmin = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err2), "run", "outage", "--server",
                "127.0.0.1:" + port, "-q");
        assertThat(noAdmin).isEqualTo(Main.EXIT_USAGE);
        assertThat(err2.toString()).contains("give --admin URL");
    }
}
