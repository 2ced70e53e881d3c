package dev.geodns.testbed.cli;

import dev.geodns.config.WorldException;
import dev.geodns.testbed.report.ReportFormat;
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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code run SCENARIO|FILE}: runs a scenario and prints or writes its report. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a built-in scenario (see list) or a scenario file; exit 1 when an expectation fails.")
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
                    + " the in-process server) instead of starting one on 127.0.0.1")
    InetSocketAddress server;

    @Option(names = "--stretch", paramLabel = "X",
            description = "route-stretch factor of the latency model (default: the scenario's, else 1.5)")
    Double stretch;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "3000",
            description = "how long to wait for each reply (default ${DEFAULT-VALUE})")
    long timeoutMs;

    @Option(names = {"-q", "--quiet"}, description = "no progress lines on stderr")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Scenario s;
        try {
            s = BuiltInScenarios.resolve(scenario);
        } catch (ScenarioException e) {
            err.println("invalid scenario:");
            err.println(e.getMessage());
            return Main.EXIT_USAGE;
        }
        if (stretch != null) {
            if (!(stretch >= 1)) {
                err.println("--stretch must be at least 1");
                return Main.EXIT_USAGE;
            }
            s = s.withModel(s.model().withStretch(stretch));
        }
        if (server != null && !s.events().isEmpty()) {
            err.println("scenario " + s.name() + " has events (drain/restore), which need the in-process server;"
                    + " run it without --server");
            return Main.EXIT_USAGE;
        }
        RunResult result;
        try {
            ScenarioRunner runner = new ScenarioRunner(s).timeout(Duration.ofMillis(timeoutMs));
            if (server != null) {
                runner.server(server);
            }
            if (!quiet) {
                runner.progress(line -> {
                    err.println(line);
                    err.flush();
                });
            }
            result = runner.run();
        } catch (WorldException | IOException e) {
            err.println("run failed: " + e.getMessage());
            return Main.EXIT_RUN_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return Main.EXIT_RUN_FAILED;
        }
        if (!result.results().isEmpty() && result.results().stream().allMatch(RunCommand::noReply)) {
            err.println("run failed: no reply from the server at " + result.server());
            return Main.EXIT_RUN_FAILED;
        }
        String report = format.render(result);
        if (out == null) {
            spec.commandLine().getOut().print(report);
            spec.commandLine().getOut().flush();
        } else {
            try {
                Files.writeString(out, report, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("cannot write " + out + ": " + e.getMessage());
                return Main.EXIT_RUN_FAILED;
            }
            if (!quiet) {
                err.println("wrote " + format.name().toLowerCase() + " report to " + out);
            }
        }
        if (!result.passed()) {
            err.println("scenario " + s.name() + ": " + result.failedExpectations() + " expectation(s) failed");
            return Main.EXIT_EXPECTATION_FAILED;
        }
        return 0;
    }

    /** True when the lookup got no reply at all (timeout or transport error), not a DNS answer. */
    private static boolean noReply(dev.geodns.testbed.runner.LookupResult r) {
        var steps = r.resolution().steps();
        return r.site() == null && !steps.isEmpty()
                && List.of("TIMEOUT", "ERROR").contains(steps.get(steps.size() - 1).rcode());
    }
}
