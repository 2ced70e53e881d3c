package dev.geodns.config;

import dev.geodns.config.model.AnswerAddresses;
import dev.geodns.config.model.Cloud;
import dev.geodns.config.model.GeoIpSettings;
import dev.geodns.config.model.LabNetwork;
import dev.geodns.config.model.ServerIdentity;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.Tenant;
import dev.geodns.config.model.World;
import dev.geodns.config.model.ZoneSpec;
import dev.geodns.config.yaml.Dialect;
import dev.geodns.config.yaml.Fields;
import dev.geodns.config.yaml.Problems;
import dev.geodns.config.yaml.YamlNode;
import dev.geodns.config.yaml.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * Loads, strictly validates and test-compiles ({@link WorldCompiler}) a world file (docs/architecture.md; every key is documented in
 * config/README.md). All problems found are collected and thrown together as one
 * {@link WorldException}, each naming file, line, key path and reason. Thread-safe: no shared state
 * besides the memoized built-in world.
 */
public final class WorldLoader {
    /** Classpath location of the built-in Office 365 world. */
    public static final String BUILT_IN_RESOURCE = "/dev/geodns/config/office365-world.yaml";
    /** How errors in the built-in world name their file. */
    public static final String BUILT_IN_LABEL = "builtin:office365-world.yaml";

    private static final String[] ROOT_KEYS = {
        "name", "server", "answers", "geoip", "zones", "clouds", "sites", "services", "tenants", "networks"};
    private static volatile World builtIn;

    private WorldLoader() {
    }

    /** Loads {@code file}; zone files and GeoIP databases are relative to the file's directory. */
    public static World load(Path file) throws WorldException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WorldException(List.of(new ConfigError(file.toString(), 0, "", "cannot read world file: " + e)));
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), base, file);
    }

    /**
     * The built-in Office 365 world (classpath resource {@value #BUILT_IN_RESOURCE}), parsed once:
     * a caller that comes while another thread parses it waits for that result.
     *
     * @throws IllegalStateException if the resource is missing or invalid (a build defect)
     */
    public static World builtIn() {
        World w = builtIn;
        return w != null ? w : parseBuiltIn();
    }

    private static synchronized World parseBuiltIn() {
        World w = builtIn;
        if (w == null) {
            try (InputStream in = WorldLoader.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing classpath resource " + BUILT_IN_RESOURCE);
                }
                w = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUILT_IN_LABEL, null, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (WorldException e) {
                throw new IllegalStateException("the built-in world is invalid:\n" + e.getMessage(), e);
            }
            builtIn = w;
        }
        return w;
    }

    /**
     * Parses world YAML held in memory; {@code fileLabel} names it in errors and relative paths are
     * resolved against {@code baseDir} (the working directory when null). The world's source is null.
     */
    public static World parse(String yamlText, String fileLabel, Path baseDir) throws WorldException {
        return parse(yamlText, fileLabel, baseDir, null);
    }

    /**
     * Loads a standalone zone file (the server's {@code --zone FILE}); its origin is the file's
     * first {@code $ORIGIN}, else its SOA owner.
     */
    public static ZoneSpec loadZoneFile(Path file) throws WorldException {
        try {
            Name origin = ZoneFileReader.originOf(file);
            List<Record> records = ZoneFileReader.read(file, origin);
            List<String> mismatches = ZoneFileReader.originMismatches(origin, records);
            if (!mismatches.isEmpty()) {
                throw new WorldException(mismatches.stream()
                        .map(m -> new ConfigError(file.toString(), 0, "zone", m)).toList());
            }
            return new ZoneSpec(origin, file, records);
        } catch (ZoneFileReader.Failure f) {
            throw new WorldException(List.of(new ConfigError(f.file, f.line, "zone", f.reason)));
        }
    }

    private static World parse(String text, String label, Path baseDir, Path source) throws WorldException {
        Problems problems = new Problems(label, Dialect.WORLD);
        YamlNode tree = YamlReader.read(text, problems);
        Fields root = tree == null ? null : Fields.of(tree, "", problems);
        if (root == null) {
            problems.throwIfAny(WorldException::new);
            throw new IllegalStateException("no world and no error");
        }
        root.allow(ROOT_KEYS);
        String name = root.string("name");
        ServerIdentity server = SettingsBinder.server(root.map("server"));
        AnswerAddresses answers = SettingsBinder.answers(root.map("answers"));
        GeoIpSettings geoip = SettingsBinder.geoip(root.map("geoip"), baseDir);
        List<ZoneSpec> zones = ZoneBinder.bind(root, baseDir);
        List<Bound<Cloud>> clouds = SiteBinder.clouds(root);
        List<Bound<Site>> sites = SiteBinder.sites(root, answers == null ? AnswerAddresses.DEFAULT : answers);
        List<LabNetwork> networks = NetworkBinder.bind(root);
        List<Bound<Service>> services = ServiceBinder.bind(root);
        List<Bound<Tenant>> tenants = TenantBinder.bind(root);
        WorldValidator.check(root, clouds, sites, services, tenants);
        NameChecker.check(zones, services);
        problems.throwIfAny(WorldException::new);
        World world = new World(name, source, server, values(clouds), values(sites), values(services),
                values(tenants), networks, geoip, answers, zones, new YamlSourceLines(label, text));
        // Compiling applies the rules that need the whole world (fences, preference lists, name
        // collisions); a world the loader returns compiles.
        WorldCompiler.compile(world);
        return world;
    }

    private static <T> List<T> values(List<Bound<T>> bound) {
        return bound.stream().map(Bound::value).toList();
    }

    /** {@code text} as a path; relative ones are taken from {@code baseDir} (or the working directory). */
    static Path resolve(Path baseDir, String text) {
        try {
            Path p = Path.of(text);
            return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p).normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid path: " + e.getReason(), e);
        }
    }
}
