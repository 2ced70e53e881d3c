package dev.geodns.testbed.scenario;

import dev.geodns.config.ConfigError;
import dev.geodns.config.latency.LatencySettings;
import dev.geodns.config.yaml.Dialect;
import dev.geodns.config.yaml.Fields;
import dev.geodns.config.yaml.Problems;
import dev.geodns.config.yaml.YamlNode;
import dev.geodns.config.yaml.YamlReader;
import dev.geodns.testbed.resolvers.ResolverKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Loads and strictly validates a scenario file (every key is documented in testbed/README.md):
 * unknown keys, wrong types and dangling references (cities, sites, tenants, services, resolvers,
 * clients) are errors, all reported together, each as {@code file:line: key.path: reason}. The
 * world the scenario names is loaded too, since most references point into it. Each section has
 * its binder; this class reads the file and puts their results together. Thread-safe.
 */
public final class ScenarioLoader {
    /** Ids of scenarios, resolvers and clients. */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    /** How scenario errors have always been worded (missing keys, integers, strings that must be quoted). */
    static final Dialect DIALECT = new Dialect("the file is empty", "missing required key", "missing required key",
            "allowed here", "an integer", false);

    private ScenarioLoader() {
    }

    /** Loads a scenario file; a relative {@code world} path is taken from the file's directory. */
    public static Scenario load(Path file) throws ScenarioException {
        return load(file, null);
    }

    /**
     * Loads a scenario file with every resolver played by {@code softwareOverride} (null: as the file
     * says), validated as if the file said {@code software: ID} for each.
     */
    public static Scenario load(Path file, ResolverKind softwareOverride) throws ScenarioException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException(List.of(new ConfigError(file.toString(), 0, "",
                    "cannot read scenario file: " + e)));
        }
        return parse(text, file.toString(), file.toAbsolutePath().getParent(), softwareOverride);
    }

    /**
     * Parses scenario YAML held in memory.
     *
     * @param label names the file in errors and becomes the scenario's {@code source}
     * @param baseDir where a relative world path is resolved; null forbids world files (built-ins)
     */
    public static Scenario parse(String text, String label, Path baseDir) throws ScenarioException {
        return parse(text, label, baseDir, null);
    }

    /** As {@link #parse(String, String, Path)}, with every resolver played by {@code softwareOverride} unless null. */
    public static Scenario parse(String text, String label, Path baseDir, ResolverKind softwareOverride)
            throws ScenarioException {
        Problems problems = new Problems(label, DIALECT);
        YamlNode tree = YamlReader.read(text, problems);
        Fields root = tree == null ? null : Fields.of(tree, "", problems);
        if (root == null) {
            problems.throwIfAny(ScenarioException::new);
            throw new IllegalStateException("no scenario and no error");
        }
        root.allow("name", "description", "world", "model", "rounds", "round_seconds", "record_type", "tenants",
                "stub_client", "resolvers", "clients", "events", "expect");
        Header header = HeaderBinder.bind(root);
        ScenarioWorld world = WorldBinder.bind(root, baseDir);
        LatencySettings model = ModelBinder.bind(root.map("model"), world);
        TenantScope tenants = TenantBinder.bind(root, world);
        EndpointBinder endpoints = new EndpointBinder(world, root);
        List<ResolverSpec> resolvers = new ResolverBinder(world, endpoints, softwareOverride).bind(root);
        List<ClientSpec> clients = new ClientBinder(endpoints, tenants, new LookupBinder(world, tenants))
                .bind(root, resolvers);
        List<EventSpec> events = EventBinder.bind(root, header, world);
        List<Expectation> expectations = ExpectationBinder.bind(root, clients, header.rounds(), world);
        problems.throwIfAny(ScenarioException::new);
        return new Scenario(header.name(), header.description(), label, world.world(), world.source(), model,
                header.rounds(), header.roundSeconds(), header.recordType(), tenants.inPlay(clients), resolvers,
                clients, events, expectations, header.stubClient());
    }
}
