package dev.geodns.server.cli;

import dev.geodns.config.ConfigError;
import dev.geodns.config.LoopbackAnswerPlan;
import dev.geodns.config.WorldException;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.World;
import dev.geodns.config.model.ZoneSpec;
import dev.geodns.server.GeoDnsServer;
import dev.geodns.server.admin.AdminApi;
import dev.geodns.server.admin.WorldSource;
import dev.geodns.server.engine.QueryObserver;
import dev.geodns.server.frontdoor.DnsDecisionFeed;
import dev.geodns.server.frontdoor.FrontDoorOptions;
import dev.geodns.server.frontdoor.FrontDoors;
import dev.geodns.server.frontdoor.LabCa;
import dev.geodns.server.frontdoor.RecentDecisions;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * {@code serve}'s front-door options and what they do to the run: the loopback answer plan on the
 * world (at start and at every reload), the front doors started beside DNS, their lines at start-up,
 * and their entry in the admin API. A front door that fails never stops DNS.
 */
final class FrontDoorCli {
    @Option(names = "--front-doors", description = "answer from a loopback address per site (127.64.0.0/10, IPv6 "
            + "answers dropped) and serve HTTP and HTTPS there as each site would, after the modelled delay")
    boolean enabled;

    @Option(names = "--front-door-http-port", paramLabel = "N",
            description = "front doors' HTTP port (default 80; below 1024 needs root or CAP_NET_BIND_SERVICE; -1 none)")
    int httpPort = FrontDoorOptions.DEFAULT_HTTP_PORT;

    @Option(names = "--front-door-https-port", paramLabel = "N", description = "front doors' HTTPS port (default 443; -1 none)")
    int httpsPort = FrontDoorOptions.DEFAULT_HTTPS_PORT;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "where the lab CA is kept (default ~/.geodns)")
    Path stateDir;

    @Option(names = "--front-door-jitter-ms", paramLabel = "MS", description = "extra delay drawn from [0, MS] per request (default 0)")
    double jitterMs;

    @Option(names = "--front-door-loss", paramLabel = "RATE",
            description = "share of requests that wait one retransmission timeout more, 0.0..1.0 (default 0)")
    double loss;

    @Option(names = "--front-door-log", paramLabel = "FILE|-",
            description = "one JSON line per front-door request (with the DNS decision it followed) to FILE, or - for standard error")
    String log;

    private FrontDoors doors;
    private PrintWriter logWriter;
    private RecentDecisions decisions;

    /**
     * With front doors on, the observer that tells them the DNS decisions their clients followed
     * (give it to the server before it starts); else {@link QueryObserver#NONE}, which costs nothing.
     */
    QueryObserver dnsDecisions() {
        if (!enabled) {
            return QueryObserver.NONE;
        }
        decisions = new RecentDecisions(65_536, FrontDoorOptions.defaults().decisionWindow());
        return new DnsDecisionFeed(decisions);
    }

    /** The world as served: on the loopback answer plan with front doors on, else unchanged. */
    World answerPlan(World world) throws WorldException {
        if (!enabled) {
            return world;
        }
        try {
            return LoopbackAnswerPlan.apply(world);
        } catch (IllegalArgumentException e) {
            String file = world.source() == null ? "builtin:" + world.name() : world.source().toString();
            throw new WorldException(List.of(new ConfigError(file, 0, "(front doors)", e.getMessage())));
        }
    }

    /** Reloads keep the plan: a reloaded world must not send clients off the machine either. */
    WorldSource answerPlan(WorldSource source) {
        if (!enabled) {
            return source;
        }
        return new WorldSource() {
            @Override
            public Loaded load() throws WorldException {
                Loaded loaded = source.load();
                return new Loaded(answerPlan(loaded.world()), loaded.zones());
            }

            @Override
            public String describe() {
                return source.describe() + " on the loopback answer plan";
            }
        };
    }

    /** Starts the front doors beside a running server, prints where they are, and lists them in the admin API. */
    void start(GeoDnsServer server, MeterRegistry registry, List<ZoneSpec> zones, PrintStream info, AdminApi api) {
        if (!enabled) {
            return;
        }
        World world = server.current().world();
        LoopbackAnswerPlan.offLoopback(world, zones).forEach(line ->
                System.err.println("warning: served as written, not on loopback: " + line));
        FrontDoorOptions options = FrontDoorOptions.defaults().withPorts(httpPort, httpsPort)
                .withJitterAndLoss(jitterMs, loss);
        if (stateDir != null) {
            options = options.withStateDir(stateDir);
        }
        try {
            options = options.withRequestLog(requestLog());
            doors = FrontDoors.start(() -> server.current().world(), () -> server.current().router().locator(),
                    options, registry, decisions != null ? decisions
                            : new RecentDecisions(65_536, options.decisionWindow()));
        } catch (IOException | java.security.GeneralSecurityException | IllegalArgumentException e) {
            System.err.println("error: front doors not started (DNS keeps serving): " + e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        doors.failures().stream().limit(10).forEach(f -> System.err.println("error: cannot bind " + f));
        if (doors.failures().size() > 10) {
            System.err.println("error: ... " + (doors.failures().size() - 10) + " more front-door listeners failed");
        }
        long sites = doors.listeners().stream().map(FrontDoors.Listener::siteId).distinct().count();
        info.println("front doors: " + doors.listeners().size() + " listeners for " + sites + " sites on "
                + LoopbackAnswerPlan.POOL + " (HTTP port " + httpPort + ", HTTPS port " + httpsPort + "; "
                + doors.failures().size() + " failed); the modelled delay is applied in user space");
        if (doors.caPath() != null) {
            info.println("lab CA " + (doors.caCreated() ? "made" : "loaded") + ": " + doors.caPath()
                    + "  (curl --cacert " + doors.caPath() + "; JVM: -Djavax.net.ssl.trustStore=" + doors.truststorePath()
                    + " -Djavax.net.ssl.trustStorePassword=" + LabCa.TRUSTSTORE_PASSWORD + ")");
        }
        Site fra = world.site("fra").orElse(null);
        if (fra != null && !fra.ipv4().isEmpty()) {
            String port = httpPort == 80 ? "" : ":" + httpPort;
            info.println("try:  curl -si --interface 127.0.1.77 --resolve outlook.office365.com:" + (httpPort == 80 ? 80 : httpPort)
                    + ":" + fra.ipv4().get(0).getHostAddress() + " http://outlook.office365.com" + port + "/owa/");
        }
        api.frontDoors(doors::describe);
    }

    private Consumer<String> requestLog() throws IOException {
        if (log == null) {
            return null;
        }
        if ("-".equals(log)) {
            return System.err::println;
        }
        logWriter = new PrintWriter(Files.newBufferedWriter(Path.of(log), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE), true);
        PrintWriter w = logWriter;
        return line -> {
            synchronized (w) {
                w.println(line);
            }
        };
    }

    void close() {
        if (doors != null) {
            doors.close();
        }
        if (logWriter != null) {
            logWriter.close();
        }
    }
}
