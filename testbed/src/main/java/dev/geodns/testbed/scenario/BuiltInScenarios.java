package dev.geodns.testbed.scenario;

import dev.geodns.config.ConfigError;
import dev.geodns.config.yaml.Suggestion;
import dev.geodns.testbed.resolvers.ResolverKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The scenarios shipped with the testbed, registered by name (like Caffeine's simulator policies),
 * each reproducing one part of the source documents. Stored as YAML resources under
 * {@value #RESOURCE_DIR}; each is also a worked example of the scenario format.
 */
public final class BuiltInScenarios {
    /** Classpath folder of the built-in scenario files ({@code NAME.yaml}). */
    public static final String RESOURCE_DIR = "/dev/geodns/testbed/scenarios/";

    /** The built-in scenario names, in the order {@code list} shows them. */
    public static final List<String> NAMES = List.of(
            "nearest-datacenter", "sovereign-cloud", "active-datacenter", "vpn-shift", "vpn-ecs", "outage", "teams-vpn");

    private BuiltInScenarios() {
    }

    public static boolean exists(String name) {
        return NAMES.contains(name);
    }

    /** "no built-in scenario 'X' (built-ins: ...)", with the close built-in name when there is one. */
    public static String unknown(String name) {
        return unknown(name, "");
    }

    private static String unknown(String name, String more) {
        return "no built-in scenario '" + name + "'" + (more.isEmpty() ? "" : " " + more) + " (built-ins: "
                + String.join(", ", NAMES) + ")" + Suggestion.didYouMean(name, NAMES);
    }

    /** The YAML text of a built-in scenario. */
    public static String text(String name) {
        if (!exists(name)) {
            throw new IllegalArgumentException(unknown(name));
        }
        try (InputStream in = BuiltInScenarios.class.getResourceAsStream(RESOURCE_DIR + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE_DIR + name + ".yaml");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads a built-in scenario.
     *
     * @throws IllegalStateException if the shipped file is invalid (a build defect; the tests load every one)
     */
    public static Scenario load(String name) {
        try {
            return load(name, null);
        } catch (ScenarioException e) {
            throw new IllegalStateException("built-in scenario " + name + " is invalid:\n" + e.getMessage(), e);
        }
    }

    /**
     * Loads a built-in scenario with every resolver played by {@code software} (null: as written).
     *
     * @throws ScenarioException when a resolver asks for what that software cannot do (e.g. a fixed ECS subnet)
     */
    public static Scenario load(String name, ResolverKind software) throws ScenarioException {
        return ScenarioLoader.parse(text(name), "builtin:" + name + ".yaml", null, software);
    }

    /** A built-in name or a scenario file path. */
    public static Scenario resolve(String nameOrFile) throws ScenarioException {
        return resolve(nameOrFile, null);
    }

    /** A built-in name or a scenario file path, every resolver played by {@code software} unless null. */
    public static Scenario resolve(String nameOrFile, ResolverKind software) throws ScenarioException {
        if (exists(nameOrFile)) {
            return load(nameOrFile, software);
        }
        Path file = Path.of(nameOrFile);
        if (!Files.exists(file)) {
            throw new ScenarioException(List.of(new ConfigError(nameOrFile, 0, "",
                    unknown(nameOrFile, "and no such file"))));
        }
        return ScenarioLoader.load(file, software);
    }
}
