package dev.geodns.server.cli;

import dev.geodns.config.ConfigError;
import dev.geodns.config.WorldException;
import dev.geodns.config.model.World;
import dev.geodns.server.GeoDnsServer;
import dev.geodns.server.admin.AdminApi;
import dev.geodns.server.admin.AdminAuth;
import dev.geodns.server.admin.AdminServer;
import dev.geodns.server.admin.HupSignal;
import dev.geodns.server.admin.WorldFileWatcher;
import dev.geodns.server.admin.WorldReloader;
import dev.geodns.server.admin.WorldSource;
import dev.geodns.server.decisionlog.DecisionLog;
import dev.geodns.server.engine.QueryObserver;
import dev.geodns.server.faults.FaultRules;
import dev.geodns.server.metrics.FaultMetrics;
import dev.geodns.server.metrics.ServerMetrics;
import dev.geodns.server.metrics.WorldMetrics;
import dev.geodns.server.proxy.ProxyFrom;
import dev.geodns.server.proxy.ProxySettings;
import dev.geodns.server.state.StateFileException;
import dev.geodns.server.transport.DnsServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code serve}: runs the emulator until SIGINT/SIGTERM; SIGHUP reloads the world. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the authoritative geo-DNS server.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    WorldOptions worldOptions = new WorldOptions();

    @Option(names = "--dns", paramLabel = "ADDR:PORT", converter = HostPort.class,
            description = "DNS listen address, UDP and TCP (repeatable; default 127.0.0.1:8053 and [::1]:8053)")
    List<InetSocketAddress> dns = new ArrayList<>();

    @Option(names = "--admin", paramLabel = "ADDR:PORT", converter = HostPort.class,
            description = "admin HTTP listen address (default 127.0.0.1:9153); other than loopback needs a token")
    InetSocketAddress admin = HostPort.parse("127.0.0.1:9153");

    @Option(names = "--admin-token-file", paramLabel = "FILE",
            description = "file holding the admin API's bearer token (else the GEODNS_ADMIN_TOKEN environment "
                    + "variable); required when --admin is not a loopback address")
    Path adminTokenFile;

    @Option(names = "--log-decisions", paramLabel = "FILE|-",
            description = "write one JSON line per query to FILE (appended), or to standard output with -")
    String logDecisions;

    @Option(names = "--log-sample", paramLabel = "RATE",
            description = "share of queries written to the decision log, 0.0..1.0 (default 1.0)")
    double logSample = 1.0;

    @Option(names = "--ecs-everywhere",
            description = "honour EDNS Client Subnet for every service, not only those whose world says ecs: true"
                    + " (the built-in world honours it for sign-in only); also after reloads")
    boolean ecsEverywhere;

    @Option(names = "--watch", description = "reload when the world file, its zone files or --zone files change")
    boolean watch;

    @Option(names = "--threads", description = "UDP receive loops (one SO_REUSEPORT socket each) and TCP event "
            + "loops (default: one per available processor)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--state", paramLabel = "FILE",
            description = "keep drains in FILE, shared by every replica naming it: API changes are written to it "
                    + "atomically, and its changes (by other replicas or by hand) are served within a second")
    Path stateFile;

    @Option(names = "--proxy-from", paramLabel = "CIDR[,CIDR...]",
            description = "believe PROXY protocol v2 headers (UDP: every datagram; TCP: connection start) from "
                    + "these networks only, and require them there; a header from anyone else is dropped")
    String proxyFrom;

    @Option(names = "--warm-up-and-exit", hidden = true,
            description = "start, ask ourselves a bounded query mix, stop (the build uses it to make the start-up class archive)")
    boolean warmUpAndExit;

    @Option(names = "--faults", description = "allow fault injection for labs: rules added at the admin API's "
            + "/faults drop, delay, SERVFAIL, REFUSE, truncate or mis-ID matching answers (UDP then runs on the "
            + "event loops, never the recvmmsg loop)")
    boolean faults;

    @Mixin
    FrontDoorCli frontDoorOptions = new FrontDoorCli();

    private QueryObserver observer = QueryObserver.NONE;
    private ServerMetrics metrics;

    @Override
    public Integer call() throws Exception {
        CompletableFuture<ServerMetrics> metricsReady = inBackground("geodns-metrics", ServerMetrics::new);
        World world;
        GeoDnsServer.Builder builder = newBuilder();
        try {
            world = ecsSwitch(frontDoorOptions.answerPlan(worldOptions.loadWorld()));
            builder.world(world).zones(worldOptions.loadZones());
        } catch (WorldException e) {
            e.errors().stream().map(ConfigError::toString).forEach(System.err::println);
            return 1;
        }
        if (!(logSample >= 0.0 && logSample <= 1.0)) {
            System.err.println("error: --log-sample " + logSample + " is not within 0.0..1.0");
            return 2;
        }
        AdminAuth auth;
        try {
            auth = AdminAuth.forListener(admin, AdminAuth.loadToken(adminTokenFile, System.getenv()));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        metrics = metricsReady.join();
        if (proxyFrom != null) {
            try {
                builder.proxy(new ProxySettings(ProxyFrom.parse(proxyFrom), metrics.proxy()));
            } catch (IllegalArgumentException e) {
                System.err.println("error: --proxy-from: " + e.getMessage());
                return 2;
            }
        }
        DecisionLog decisions = null;
        if (logDecisions != null) {
            try {
                decisions = DecisionLog.open(logDecisions, logSample, metrics.registry());
            } catch (IOException e) {
                System.err.println("error: cannot open decision log " + logDecisions + ": " + e);
                return 2;
            }
        }
        // With the decision log on standard output, everything else goes to standard error.
        PrintStream info = "-".equals(logDecisions) ? System.err : System.out;
        observer = decisions == null ? metrics.dns() : metrics.dns().andThen(decisions);
        observer = observer.andThen(frontDoorOptions.dnsDecisions());
        builder.observer(observer).transportListener(metrics.transport());
        if (faults) {
            FaultRules rules = new FaultRules();
            new FaultMetrics(metrics.registry(), rules);
            builder.faults(rules);
        }

        List<InetSocketAddress> addresses = dns.isEmpty() ? DefaultListeners.addresses(System.err) : dns;
        GeoDnsServer server = start(builder, addresses);
        if (server == null) {
            closeQuietly(decisions);
            return 2;
        }
        if (stateFile != null) {
            try {
                server.shareState(stateFile, System.err::println);
            } catch (StateFileException | IOException e) {
                System.err.println("error: state file rejected: " + e.getMessage());
                server.close();
                closeQuietly(decisions);
                return 2;
            }
        }
        WorldMetrics worldMetrics = new WorldMetrics(metrics.registry(), server::current,
                () -> server.worldState().drain());
        WorldReloader reloader = new WorldReloader(server,
                ecsSwitch(frontDoorOptions.answerPlan(WorldSource.files(worldOptions.world, worldOptions.zones))),
                worldMetrics, System.err::println);
        AdminApi api = new AdminApi(server, reloader, metrics, auth);
        AdminServer adminServer;
        try {
            adminServer = AdminServer.start(admin, api);
        } catch (BindException e) {
            System.err.println("error: " + e.getMessage() + "; choose another with --admin");
            server.close();
            closeQuietly(decisions);
            return 2;
        }
        String hup = HupSignal.install(() -> reloader.reloadLater(WorldMetrics.Trigger.SIGNAL));
        WorldFileWatcher watcher = watch ? WorldFileWatcher.start(reloader, Duration.ofMillis(500)) : null;

        CountDownLatch stopped = new CountDownLatch(1);
        DecisionLog log = decisions;
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable shutdown = () -> {
            if (!once.compareAndSet(false, true)) {
                return;
            }
            info.println("stopping");
            if (watcher != null) {
                watcher.close();
            }
            adminServer.close();
            frontDoorOptions.close();
            server.close();
            reloader.close();
            closeQuietly(log);
            stopped.countDown();
        };
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "geodns-shutdown"));
        InetSocketAddress first = server.dnsAddresses().get(0);
        info.println("GeoDNS Emulator " + VersionProvider.version() + " listening on "
                + server.dnsAddresses().stream().map(HostPort::format).collect(Collectors.joining(", "))
                + " (UDP+TCP, " + transports(server) + ")");
        info.println("world " + worldOptions.describe() + ": " + world.summary()
                + (ecsEverywhere ? "; ECS honoured for every service (--ecs-everywhere)" : ""));
        info.println("admin API on " + adminServer.url() + (auth.required() ? " (bearer token required)" : "")
                + ": /health /metrics /explain /sites /world, POST /reload and /sites/{id}/drain|restore"
                + (faults ? ", /faults" : ""));
        frontDoorOptions.start(server, metrics.registry(), builder.zones(), info, api);
        if (hup != null) {
            System.err.println("warning: SIGHUP reload unavailable (" + hup + "); use POST /reload");
        }
        if (proxyFrom != null) {
            info.println("PROXY protocol v2 required from " + proxyFrom + " (UDP and TCP), refused from anyone else");
        }
        if (stateFile != null) {
            info.println("runtime state (drains) shared in " + stateFile + ": "
                    + (server.drainedSites().isEmpty() ? "nothing drained" : "drained " + server.drainedSites()));
        }
        if (watcher != null) {
            info.println("watching " + (watcher.files().isEmpty() ? "nothing (built-in world)"
                    : watcher.files().stream().map(Path::toString).collect(Collectors.joining(", "))));
        }
        if (decisions != null) {
            info.println("decision log: " + ("-".equals(logDecisions) ? "standard output" : logDecisions)
                    + (logSample < 1.0 ? ", sampling " + logSample : ""));
        }
        info.println("try:  dig @" + first.getAddress().getHostAddress() + " -p " + first.getPort()
                + " -b 127.0.1.1 outlook.office365.com    (127.0.1.0/24 is Frankfurt in the lab plan)");
        if (warmUpAndExit) {
            WarmUp.run(first, adminServer.url());
            shutdown.run();
        }
        stopped.await();
        return 0;
    }

    /** {@code world} with ECS honoured everywhere when {@code --ecs-everywhere} is given. */
    private World ecsSwitch(World world) {
        return ecsEverywhere ? world.withEcsEverywhere() : world;
    }

    /** {@code source} whose every load goes through {@link #ecsSwitch}, so a reload keeps the switch. */
    private WorldSource ecsSwitch(WorldSource source) {
        if (!ecsEverywhere) {
            return source;
        }
        return new WorldSource() {
            @Override
            public Loaded load() throws WorldException {
                Loaded l = source.load();
                return new Loaded(l.world().withEcsEverywhere(), l.zones());
            }

            @Override
            public String describe() {
                return source.describe() + " (ECS honoured everywhere)";
            }
        };
    }

    private GeoDnsServer.Builder newBuilder() {
        return GeoDnsServer.builder().threads(threads).observer(observer);
    }

    /** Starts on {@code addresses}; on failure prints one error line and returns null. */
    private static GeoDnsServer start(GeoDnsServer.Builder builder, List<InetSocketAddress> addresses)
            throws InterruptedException {
        for (InetSocketAddress a : addresses) {
            builder.dns(a);
        }
        try {
            return builder.start();
        } catch (BindException e) {
            System.err.println("error: " + e.getMessage() + "; choose another with --dns");
            return null;
        } catch (WorldException e) {
            e.errors().stream().map(ConfigError::toString).forEach(System.err::println);
            return null;
        }
    }

    private static void closeQuietly(DecisionLog log) {
        if (log != null) {
            log.close();
        }
    }

    /** How the listeners run, for the start-up line. */
    private static String transports(GeoDnsServer server) {
        String base = server.nativeTransport() ? "epoll" : "nio";
        if (server.recvmmsgUdp()) {
            return "UDP on IPv4 by recvmmsg threads, otherwise " + base;
        }
        String why = DnsServer.recvmmsgUnavailableReason();
        return why == null ? base : base + "; no recvmmsg loop for UDP: " + why;
    }

    /**
     * Runs {@code setup} on a daemon thread of its own: with two cores, what does not need the world
     * (the metrics registry) is made while the world loads, and the first answer comes sooner.
     */
    private static <T> CompletableFuture<T> inBackground(String threadName, Supplier<T> setup) {
        return CompletableFuture.supplyAsync(setup, task -> ServeHeadStart.onDaemonThread(threadName, task));
    }
}
