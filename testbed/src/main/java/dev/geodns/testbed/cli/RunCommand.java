package dev.geodns.testbed.cli;

import dev.geodns.server.cli.HostPort;

import dev.geodns.config.WorldException;
import dev.geodns.testbed.report.ReportFormat;
import dev.geodns.testbed.resolvers.ResolverKind;
import dev.geodns.server.admin.AdminAuth;
import dev.geodns.testbed.runner.Comparison;
import dev.geodns.testbed.runner.ComparisonRunner;
import dev.geodns.testbed.runner.Progress;
import dev.geodns.testbed.runner.RunResult;
import dev.geodns.testbed.runner.ScenarioRunner;
import dev.geodns.testbed.scenario.BuiltInScenarios;
import dev.geodns.testbed.scenario.Scenario;
import dev.geodns.testbed.scenario.ScenarioException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code run SCENARIO|FILE}: runs a scenario and prints or writes its report. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a built-in scenario (see list) or a scenario file; exit 1 when an expectation fails, 4 when"
                + " lookups were skipped (a real resolver or client tool is not installed).")
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO|FILE", description = "a built-in scenario name or a scenario YAML file")
    String scenario;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "report format: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    ReportFormat format;

    @Option(names = "--out", paramLabel = "FILE", description = "write the report to FILE instead of stdout")
    Path out;

    @Option(names = "--server", paramLabel = "ADDR:PORT", converter = HostPort.class,
            description = "ask a server already running there (it must serve the scenario's world; events need"
                    + " its --admin URL) instead of starting one on 127.0.0.1")
    InetSocketAddress server;

    @Option(names = "--stretch", paramLabel = "X",
            description = "route-stretch factor of the latency model (default: the scenario's, else 1.5)")
    Double stretch;

    @Option(names = "--resolver-kind", paramLabel = "KIND",
            description = "play every resolver of the scenario with this real resolver: unbound, pdns-recursor,"
                    + " knot-resolver or dnsmasq (started on the resolver's address, port 53; needs root); all:"
                    + " play it with the emulated resolver and then every installed one, and report one matrix")
    String resolverKindText;

    @Option(names = "--admin", paramLabel = "URL",
            description = "with --server: that server's admin API (e.g. http://127.0.0.1:9153), through which the"
                    + " scenario's drain and restore events are applied")
    String admin;

    @Option(names = "--admin-token-file", paramLabel = "FILE",
            description = "with --admin: file holding the admin API's bearer token (else GEODNS_ADMIN_TOKEN)")
    Path adminTokenFile;

    /** The software of {@code --resolver-kind KIND}, or null (as the file says, or {@code all}). */
    ResolverKind resolverKind;

    @Option(names = "--stub-client", paramLabel = "TOOL",
            description = "the stub client that asks real resolvers: dnsjava, dig or kdig (default: the scenario's"
                    + " stub_client, else dnsjava)")
    String stubClient;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "3000",
            description = "how long to wait for each reply (default ${DEFAULT-VALUE})")
    long timeoutMs;

    @Option(names = {"-q", "--quiet"}, description = "no progress lines on stderr")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        boolean compare = "all".equalsIgnoreCase(resolverKindText == null ? "" : resolverKindText.trim());
        if (resolverKindText != null && !compare) {
            try {
                resolverKind = ResolverKind.fromId(resolverKindText);
            } catch (IllegalArgumentException e) {
                err.println("--resolver-kind: " + e.getMessage() + ", or all");
                return Main.EXIT_USAGE;
            }
        }
        if (stubClient != null && !Scenario.STUB_CLIENTS.contains(stubClient)) {
            err.println("--stub-client must be one of " + String.join(", ", Scenario.STUB_CLIENTS));
            return Main.EXIT_USAGE;
        }
        if (stretch != null && !(stretch >= 1)) {
            err.println("--stretch must be at least 1");
            return Main.EXIT_USAGE;
        }
        Scenario s;
        try {
            s = load(resolverKind);
        } catch (ScenarioException e) {
            err.println(resolverKind == null ? "invalid scenario:" : "invalid scenario with --resolver-kind "
                    + resolverKind.id() + ":");
            err.println(e.getMessage());
            return Main.EXIT_USAGE;
        }
        if (server != null && server.getPort() == 0) {
            err.println("--server needs a port other than 0");
            return Main.EXIT_USAGE;
        }
        if (admin != null && server == null) {
            err.println("--admin is for a server given with --server; the in-process server needs none");
            return Main.EXIT_USAGE;
        }
        if (server != null && admin == null && !s.events().isEmpty()) {
            err.println("scenario " + s.name() + " has events (drain/restore), which need the in-process server or"
                    + " the server's admin API: give --admin URL, or run it without --server");
            return Main.EXIT_USAGE;
        }
        if (server != null && (s.hasRealResolvers() || compare) && !server.getAddress().isLoopbackAddress()) {
            err.println("scenario " + s.name() + " has real resolvers, which can forward only to a server on loopback;"
                    + " " + server.getAddress().getHostAddress() + " is not a loopback address");
            return Main.EXIT_USAGE;
        }
        String token = null;
        if (admin != null) {
            try {
                token = AdminAuth.loadToken(adminTokenFile, System.getenv());
                java.net.URI.create(admin);
            } catch (IOException | IllegalArgumentException e) {
                err.println("--admin: " + e.getMessage());
                return Main.EXIT_USAGE;
            }
        }
        String adminToken = token;
        Function<Scenario, ScenarioRunner> runnerFor = sc -> {
            ScenarioRunner runner = new ScenarioRunner(sc).timeout(Duration.ofMillis(timeoutMs));
            if (server != null) {
                runner.server(server);
            }
            if (admin != null) {
                runner.admin(admin, adminToken);
            }
            return runner;
        };
        Progress progress = quiet ? Progress.NONE : line -> {
            err.println(line);
            err.flush();
        };
        if (compare) {
            return compare(runnerFor, progress, err);
        }
        RunResult result;
        try {
            result = runnerFor.apply(s).progress(progress).run();
        } catch (WorldException | IOException | IllegalStateException | InterruptedException e) {
            return runFailed(e, err);
        }
        if (!result.results().isEmpty() && result.results().stream().anyMatch(r -> r.skipped() == null)
                && result.results().stream().filter(r -> r.skipped() == null).allMatch(RunCommand::noReply)) {
            err.println("run failed: no reply from the server at " + result.server());
            return Main.EXIT_RUN_FAILED;
        }
        if (!write(format.render(result), err)) {
            return Main.EXIT_RUN_FAILED;
        }
        switch (result.status()) {
            case FAILED -> {
                err.println("scenario " + s.name() + ": " + result.failedExpectations() + " expectation(s) failed");
                return Main.EXIT_EXPECTATION_FAILED;
            }
            case SKIPPED -> {
                err.println("scenario " + s.name() + ": SKIPPED " + result.skippedLookups() + " lookup(s): "
                        + String.join("; ", result.skipReasons()));
                return Main.EXIT_SKIPPED;
            }
            default -> {
                return 0;
            }
        }
    }

    /**
     * What a run that stopped with {@code e} prints, and its exit code: a world or I/O failure, a
     * scenario the runner cannot play (usage), or an interrupt.
     */
    private static int runFailed(Exception e, PrintWriter err) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return Main.EXIT_RUN_FAILED;
        }
        if (e instanceof IllegalStateException) {
            err.println(e.getMessage());
            return Main.EXIT_USAGE;
        }
        err.println("run failed: " + e.getMessage());
        return Main.EXIT_RUN_FAILED;
    }

    /** The scenario with every resolver played by {@code kind} (null: as written), with the options applied. */
    private Scenario load(ResolverKind kind) throws ScenarioException {
        Scenario s = BuiltInScenarios.resolve(scenario, kind);
        if (stubClient != null) {
            s = s.withStubClient(stubClient);
        }
        if (stretch != null) {
            s = s.withModel(s.model().withStretch(stretch));
        }
        return s;
    }

    /** {@code --resolver-kind all}: every software in turn, one matrix. */
    private int compare(Function<Scenario, ScenarioRunner> runnerFor, Progress progress, PrintWriter err) {
        Comparison c;
        try {
            c = new ComparisonRunner(this::load, runnerFor).progress(progress).run();
        } catch (ScenarioException e) {
            err.println("invalid scenario:");
            err.println(e.getMessage());
            return Main.EXIT_USAGE;
        } catch (WorldException | IOException | IllegalStateException | InterruptedException e) {
            return runFailed(e, err);
        }
        if (!write(format.render(c), err)) {
            return Main.EXIT_RUN_FAILED;
        }
        if (!quiet) {
            c.findings().forEach(f -> err.println("finding: " + f));
        }
        switch (c.status()) {
            case FAILED -> {
                err.println("scenario " + c.scenario().name() + ": expectations failed with " + String.join(", ",
                        c.entries().stream().filter(e -> e.ran() && e.run().failedExpectations() > 0)
                                .map(Comparison.Entry::software).toList()));
                return Main.EXIT_EXPECTATION_FAILED;
            }
            case SKIPPED -> {
                err.println("scenario " + c.scenario().name() + ": SKIPPED lookups: " + String.join("; ",
                        c.runs().stream().flatMap(r -> r.skipReasons().stream()).distinct().toList()));
                return Main.EXIT_SKIPPED;
            }
            default -> {
                return 0;
            }
        }
    }

    /** Prints the report, or writes it to {@code --out}; false when it cannot be written. */
    private boolean write(String report, PrintWriter err) {
        if (out == null) {
            spec.commandLine().getOut().print(report);
            spec.commandLine().getOut().flush();
            return true;
        }
        try {
            Files.writeString(out, report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("cannot write " + out + ": " + e.getMessage());
            return false;
        }
        if (!quiet) {
            err.println("wrote " + format.name().toLowerCase() + " report to " + out);
        }
        return true;
    }

    /** True when the lookup got no reply at all (timeout or transport error), not a DNS answer. */
    private static boolean noReply(dev.geodns.testbed.runner.LookupResult r) {
        if (r.site() != null) {
            return false;
        }
        var stub = r.resolution().stubQueries();
        if (!stub.isEmpty()) {
            return stub.get(stub.size() - 1).rcode().equals("TIMEOUT");
        }
        var steps = r.resolution().steps();
        return !steps.isEmpty() && List.of("TIMEOUT", "ERROR").contains(steps.get(steps.size() - 1).rcode());
    }
}
