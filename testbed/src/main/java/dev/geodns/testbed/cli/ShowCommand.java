package dev.geodns.testbed.cli;

import dev.geodns.testbed.scenario.BuiltInScenarios;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code show NAME}: prints a built-in scenario's file, a starting point for your own. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print a built-in scenario's YAML (copy it to make your own).")
final class ShowCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "a built-in scenario name (see list)")
    String name;

    @Override
    public Integer call() {
        if (!BuiltInScenarios.exists(name)) {
            spec.commandLine().getErr().println(BuiltInScenarios.unknown(name));
            return Main.EXIT_USAGE;
        }
        spec.commandLine().getOut().print(BuiltInScenarios.text(name));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
