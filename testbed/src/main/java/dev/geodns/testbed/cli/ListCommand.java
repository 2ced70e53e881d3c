package dev.geodns.testbed.cli;

import dev.geodns.testbed.scenario.BuiltInScenarios;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code list}: the built-in scenarios, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the built-in scenarios.")
final class ListCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int width = BuiltInScenarios.NAMES.stream().mapToInt(String::length).max().orElse(0);
        for (String name : BuiltInScenarios.NAMES) {
            out.println(name + " ".repeat(width - name.length() + 2) + BuiltInScenarios.load(name).description());
        }
        return 0;
    }
}
