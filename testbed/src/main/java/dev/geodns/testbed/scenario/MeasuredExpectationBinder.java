package dev.geodns.testbed.scenario;

import dev.geodns.config.yaml.Fields;
import dev.geodns.config.yaml.Problems;
import dev.geodns.config.yaml.YamlNode;
import dev.geodns.config.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds {@code measured_ms} of the {@code expect} items (the rest of each item is bound, and the whole
 * file checked, by {@link ScenarioLoader}). Reads a scenario's text, so the modelled scenario stays as it is.
 */
public final class MeasuredExpectationBinder {
    /** The key on an {@code expect} item. */
    public static final String KEY = "measured_ms";

    private MeasuredExpectationBinder() {
    }

    /** The measured expectations of a scenario text that {@link ScenarioLoader} accepts. */
    public static List<MeasuredExpectation> bind(String text, String label) throws ScenarioException {
        Problems problems = new Problems(label, ScenarioLoader.DIALECT);
        YamlNode tree = YamlReader.read(text, problems);
        Fields root = tree == null ? null : Fields.of(tree, "", problems);
        List<MeasuredExpectation> out = new ArrayList<>();
        List<YamlNode> items = root == null ? null : root.listOrNull("expect", false);
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                Fields x = Fields.of(items.get(i), root.path("expect", i), problems);
                Fields m = x == null ? null : x.map(KEY);
                if (m == null) {
                    continue;
                }
                m.allow("min", "max");
                Double min = m.optNumber("min", null);
                Double max = m.optNumber("max", null);
                if (min == null && max == null) {
                    m.error("give min, max or both");
                } else if (x.string("client") != null && x.string("lookup") != null) {
                    out.add(new MeasuredExpectation(x.string("client"), x.string("lookup"), new Range(min, max),
                            x.line()));
                }
            }
        }
        problems.throwIfAny(ScenarioException::new);
        return out;
    }

    /** The measured expectations of a built-in scenario or a scenario file. */
    public static List<MeasuredExpectation> of(String nameOrFile) throws ScenarioException {
        try {
            String text = BuiltInScenarios.exists(nameOrFile) ? BuiltInScenarios.text(nameOrFile)
                    : java.nio.file.Files.readString(java.nio.file.Path.of(nameOrFile));
            return bind(text, nameOrFile);
        } catch (java.io.IOException e) {
            throw new ScenarioException(List.of(new dev.geodns.config.ConfigError(nameOrFile, 0, "",
                    "cannot read: " + e.getMessage())));
        }
    }
}
