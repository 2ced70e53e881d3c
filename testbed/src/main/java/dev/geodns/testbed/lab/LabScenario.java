package dev.geodns.testbed.lab;

import dev.geodns.testbed.scenario.BuiltInScenarios;
import dev.geodns.testbed.scenario.Scenario;
import dev.geodns.testbed.scenario.ScenarioException;
import java.nio.file.Path;

/** A scenario as the lab refers to it: a built-in name, or a file by its absolute path (the lab outlives the shell's directory). */
public final class LabScenario {
    private LabScenario() {
    }

    /** The reference to keep for {@code nameOrFile}. */
    public static String ref(String nameOrFile) {
        return BuiltInScenarios.exists(nameOrFile) ? nameOrFile : Path.of(nameOrFile).toAbsolutePath().toString();
    }

    public static Scenario load(String ref) throws ScenarioException {
        return BuiltInScenarios.resolve(ref);
    }
}
