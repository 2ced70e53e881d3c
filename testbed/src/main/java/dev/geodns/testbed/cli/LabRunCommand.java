package dev.geodns.testbed.cli;

import dev.geodns.testbed.lab.LabPlan;
import dev.geodns.testbed.lab.LabRun;
import dev.geodns.testbed.lab.LabState;
import dev.geodns.testbed.lab.LabUp;
import dev.geodns.testbed.lab.LabDown;
import dev.geodns.testbed.lab.MeasuredReport;
import dev.geodns.testbed.report.ReportFormat;
import dev.geodns.testbed.scenario.MeasuredExpectationBinder;
import dev.geodns.testbed.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lab run}: the scenario's lookups by real clients in the lab, measured beside the model. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Play SCENARIO's lookups with real clients (dig, curl) in its lab and report measured DNS time"
                + " and time to first byte beside the modelled round trip. Uses the lab if it is up, else brings it"
                + " up and takes it down afterwards.")
final class LabRunCommand extends LabCommand.Common implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "a built-in scenario's name or a scenario file")
    String scenario;

    @Option(names = "--format", description = "table, json or html (default: ${DEFAULT-VALUE})", defaultValue = "table")
    ReportFormat format;

    @Option(names = "--out", description = "write the report to this file instead of standard output")
    Path outFile;

    @Option(names = "--keep", description = "leave a lab this run brought up running")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Integer bad = LabCommand.unavailable(err);
        if (bad != null) {
            return bad;
        }
        LabCommand.Target t = LabCommand.target(scenario, id, err);
        if (t == null) {
            return Main.EXIT_USAGE;
        }
        String ref = t.ref();
        Scenario s = t.scenario();
        LabPlan plan = t.plan();
        String lab = plan.id();
        LabState state = LabState.load(root, lab);
        boolean broughtUp = state == null || !state.scenario().equals(ref);
        if (broughtUp) {
            new LabUp(root, line -> err.println(line)).up(plan, s);
        }
        try {
            LabRun.Result result = LabRun.run(plan, s, MeasuredExpectationBinder.of(ref), err::println);
            String text = MeasuredReport.render(format, result);
            if (outFile != null) {
                Files.writeString(outFile, text, StandardCharsets.UTF_8);
                err.println("report written to " + outFile);
            } else {
                out.print(text);
                out.flush();
            }
            return result.passed() ? 0 : Main.EXIT_EXPECTATION_FAILED;
        } finally {
            if (broughtUp && !keep) {
                new LabDown(root, line -> { }).down(lab);
            }
        }
    }
}
