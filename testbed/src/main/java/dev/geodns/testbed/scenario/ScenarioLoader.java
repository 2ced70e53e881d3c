package dev.geodns.testbed.scenario;

import dev.geodns.config.WorldException;
import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.ChainStep;
import dev.geodns.config.model.Continent;
import dev.geodns.config.model.LabNetwork;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.Tenant;
import dev.geodns.config.model.World;
import dev.geodns.testbed.resolvers.ResolverKind;
import dev.geodns.testbed.scenario.YamlTree.Node;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Loads and strictly validates a scenario file (every key is documented in testbed/README.md):
 * unknown keys, wrong types and dangling references (cities, sites, tenants, services, resolvers,
 * clients) are errors, all reported together, each as {@code file:line: key.path: reason}. The
 * world the scenario names is loaded too, since most references point into it. Thread-safe.
 */
public final class ScenarioLoader {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern ECS_PREFIX = Pattern.compile("(client|tunnel)-(\\d{1,3})");
    private static final int FIRST_CLIENT_HOST = 10;
    private static final int FIRST_RESOLVER_HOST = 53;
    private static final int MAX_ROUNDS = 10_000;

    private final Problems problems;
    private final Path baseDir;
    /** Software for every resolver (the CLI's {@code --resolver-kind}), or null. */
    private final ResolverKind softwareOverride;
    private World world;
    private Places places;
    private final Set<InetAddress> usedAddresses = new HashSet<>();
    /** Addresses written anywhere in the file: never handed out as defaults. */
    private final Set<InetAddress> reserved = new HashSet<>();
    private final Map<String, Integer> nextHost = new HashMap<>();

    private ScenarioLoader(String label, Path baseDir, ResolverKind softwareOverride) {
        this.problems = new Problems(label);
        this.baseDir = baseDir;
        this.softwareOverride = softwareOverride;
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
            throw new ScenarioException(List.of(new dev.geodns.config.ConfigError(file.toString(), 0, "",
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
        return new ScenarioLoader(label, baseDir, softwareOverride).bind(text, label);
    }

    private Scenario bind(String text, String label) throws ScenarioException {
        Node tree = YamlTree.parse(text, problems);
        Keys root = tree == null ? null : Keys.of(tree, "", problems);
        if (root == null) {
            problems.throwIfAny();
            throw new IllegalStateException("no scenario and no error");
        }
        root.allow("name", "description", "world", "model", "rounds", "round_seconds", "record_type", "tenants",
                "stub_client", "resolvers", "clients", "events", "expect");
        String name = root.string("name", true);
        if (name != null && !ID.matcher(name).matches()) {
            root.error("name", "must be lower-case letters, digits, '-' or '_' (it names the scenario on the command line)");
        }
        String description = root.string("description", true);
        reserveAddresses(root);
        String worldSource = bindWorld(root);
        ModelSettings model = bindModel(root.map("model", false));
        int rounds = (int) bounded(root, "rounds", 1, 1, MAX_ROUNDS);
        double roundSeconds = root.has("round_seconds") ? nonNegative(root, "round_seconds") : 0;
        int recordType = bindRecordType(root);
        String stubClient = bindStubClient(root);
        List<String> tenants = bindTenants(root);
        List<ResolverSpec> resolvers = bindResolvers(root);
        List<ClientSpec> clients = bindClients(root, resolvers, tenants);
        List<EventSpec> events = bindEvents(root, rounds, roundSeconds);
        List<Expectation> expectations = bindExpectations(root, clients, rounds);
        problems.throwIfAny();
        return new Scenario(name, description, label, world, worldSource, model, rounds, roundSeconds, recordType,
                tenants == null ? usedTenants(clients) : tenants, resolvers, clients, events, expectations, stubClient);
    }

    // ------------------------------------------------------------------------------------ world, model

    private String bindWorld(Keys root) {
        String text = root.has("world") ? root.string("world", false) : "builtin";
        if (text == null) {
            return null;
        }
        if (text.equals("builtin")) {
            world = WorldLoader.builtIn();
        } else if (baseDir == null) {
            root.error("world", "a built-in scenario can only use world: builtin");
        } else {
            try {
                Path p = Path.of(text);
                Path file = p.isAbsolute() ? p : baseDir.resolve(p).normalize();
                world = WorldLoader.load(file);
                text = file.toString();
            } catch (InvalidPathException e) {
                root.error("world", "'" + text + "' is not a valid path: " + e.getReason());
            } catch (WorldException e) {
                List<String> lines = e.errors().stream().limit(5).map(Object::toString).toList();
                root.error("world", "the world file is invalid (" + e.errors().size() + " error(s)):\n  "
                        + String.join("\n  ", lines));
            }
        }
        if (world != null) {
            places = new Places(world);
        }
        return text;
    }

    private ModelSettings bindModel(Keys m) {
        double fibre = ModelSettings.DEFAULT_FIBRE_KM_PER_MS;
        double stretch = ModelSettings.DEFAULT_STRETCH;
        double backbone = ModelSettings.DEFAULT_BACKBONE_STRETCH;
        List<String> services = null;
        if (m != null) {
            m.allow("stretch", "backbone_stretch", "fibre_km_per_ms", "backbone_services");
            fibre = atLeast(m, "fibre_km_per_ms", fibre, 1, "must be a positive speed in km per ms");
            stretch = atLeast(m, "stretch", stretch, 1, "must be at least 1 (a path is never shorter than the great circle)");
            backbone = atLeast(m, "backbone_stretch", backbone, 1, "must be at least 1");
            if (m.has("backbone_services")) {
                services = m.strings("backbone_services", false);
                if (services != null && world != null) {
                    for (String s : services) {
                        if (world.service(s).isEmpty()) {
                            m.error("backbone_services", "unknown service '" + s + "' (services: " + serviceIds() + ")");
                        }
                    }
                }
            }
        }
        if (services == null) {
            services = world == null ? List.of() : world.services().stream().map(Service::id)
                    .filter(id -> id.equals("exchange") || id.startsWith("exchange-")).toList();
        }
        return new ModelSettings(fibre, stretch, backbone, services);
    }

    private static double atLeast(Keys m, String key, double dflt, double min, String reason) {
        if (!m.has(key)) {
            return dflt;
        }
        Double v = m.number(key, false);
        if (v == null) {
            return dflt;
        }
        if (v < min) {
            m.error(key, reason);
            return dflt;
        }
        return v;
    }

    private static long bounded(Keys m, String key, long dflt, long min, long max) {
        if (!m.has(key)) {
            return dflt;
        }
        Long v = m.integer(key, false);
        if (v == null) {
            return dflt;
        }
        if (v < min || v > max) {
            m.error(key, "must be between " + min + " and " + max);
            return dflt;
        }
        return v;
    }

    private static double nonNegative(Keys m, String key) {
        Double v = m.number(key, false);
        if (v == null) {
            return 0;
        }
        if (v < 0) {
            m.error(key, "must not be negative");
            return 0;
        }
        return v;
    }

    private static int bindRecordType(Keys root) {
        String t = root.has("record_type") ? root.string("record_type", false) : "A";
        if (t == null || t.equals("A")) {
            return org.xbill.DNS.Type.A;
        }
        if (t.equals("AAAA")) {
            return org.xbill.DNS.Type.AAAA;
        }
        root.error("record_type", "must be A or AAAA, not '" + t + "'");
        return org.xbill.DNS.Type.A;
    }

    private static String bindStubClient(Keys root) {
        String t = root.has("stub_client") ? root.string("stub_client", false) : "dnsjava";
        if (t == null) {
            return "dnsjava";
        }
        if (!Scenario.STUB_CLIENTS.contains(t)) {
            root.error("stub_client", "must be dnsjava, dig or kdig, not '" + t + "'");
            return "dnsjava";
        }
        return t;
    }

    // ------------------------------------------------------------------------------------ tenants

    /** The declared tenant list, or null when the key is absent (then every tenant of the world may be used). */
    private List<String> bindTenants(Keys root) {
        if (!root.has("tenants")) {
            return null;
        }
        List<String> ids = root.strings("tenants", false);
        if (ids == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            if (world != null && world.tenant(id).isEmpty()) {
                root.error("tenants", "unknown tenant '" + id + "' (the world has: " + tenantIds() + ")");
            } else if (out.contains(id)) {
                root.error("tenants", "tenant '" + id + "' listed twice");
            } else {
                out.add(id);
            }
        }
        return out;
    }

    private static List<String> usedTenants(List<ClientSpec> clients) {
        Set<String> out = new LinkedHashSet<>();
        for (ClientSpec c : clients) {
            if (c.tenant() != null) {
                out.add(c.tenant());
            }
            for (Lookup l : c.lookups()) {
                if (l.tenant() != null) {
                    out.add(l.tenant());
                }
            }
        }
        return List.copyOf(out);
    }

    /** Checks a tenant reference; returns it when valid, else null after reporting. */
    private String tenantRef(Keys k, String key, String id, List<String> declared) {
        if (world == null) {
            return id;
        }
        if (world.tenant(id).isEmpty()) {
            k.error(key, "unknown tenant '" + id + "' (the world has: " + tenantIds() + ")");
            return null;
        }
        if (declared != null && !declared.contains(id)) {
            k.error(key, "tenant '" + id + "' is not in the scenario's tenants list " + declared);
            return null;
        }
        return id;
    }

    // ------------------------------------------------------------------------------------ places, addresses

    /** A place: a lab-plan city name, or {latitude, longitude, label}. Null after reporting. */
    private Where bindPlace(Keys k, String key) {
        Node n = k.node(key, true);
        if (n == null) {
            return null;
        }
        if (n instanceof YamlTree.Scalar) {
            String city = k.string(key, false);
            if (city == null || places == null) {
                return null;
            }
            List<LabNetwork> nets = places.city(city);
            if (nets.isEmpty()) {
                k.error(key, "'" + city + "' is not a city of the world's lab plan (cities: " + places.cityList()
                        + "); or give {latitude, longitude, label}");
                return null;
            }
            return Where.of(nets.get(0).place());
        }
        Keys m = k.map(key, false);
        if (m == null) {
            return null;
        }
        m.allow("latitude", "longitude", "label");
        Double lat = m.number("latitude", true);
        Double lon = m.number("longitude", true);
        String label = m.has("label") ? m.string("label", false) : null;
        if (lat == null || lon == null) {
            return null;
        }
        if (lat < -90 || lat > 90) {
            m.error("latitude", "must be within [-90, 90]");
            return null;
        }
        if (lon < -180 || lon > 180) {
            m.error("longitude", "must be within [-180, 180]");
            return null;
        }
        return new Where(label != null ? label : Format.number(lat) + ", " + Format.number(lon), lat, lon, null);
    }

    /** The explicit address at {@code key}, checked against the place; null when absent or invalid. */
    private InetAddress bindAddress(Keys k, String key, Where place, boolean cityPlace) {
        if (!k.has(key)) {
            return null;
        }
        String text = k.string(key, false);
        if (text == null) {
            return null;
        }
        byte[] raw = Cidr.parseLiteral(text);
        if (raw == null) {
            k.error(key, "'" + text + "' is not an IP address");
            return null;
        }
        InetAddress a = toAddress(raw);
        if (!Places.bindable(a)) {
            k.error(key, text + " is not a loopback address (127.0.0.0/8): the testbed binds it as the source of"
                    + " its queries, which needs no setup only on loopback");
            return null;
        }
        if (!usedAddresses.add(a)) {
            k.error(key, text + " is already used by another client or resolver");
            return null;
        }
        if (places != null && place != null && cityPlace) {
            LabNetwork n = places.networkOf(a);
            if (n == null) {
                k.error(key, text + " is in no network of the world's lab plan: the server could not place it");
            } else if (!n.place().city().equalsIgnoreCase(cityOf(place))) {
                k.error(key, text + " is in " + n.place().city() + "'s lab network (" + n.cidr() + "), not "
                        + cityOf(place) + "'s: the server would place it in " + n.place().city());
            }
        }
        return a;
    }

    private static String cityOf(Where w) {
        int comma = w.label().indexOf(',');
        return comma < 0 ? w.label() : w.label().substring(0, comma);
    }

    /** A free address in the loopback network of {@code place}'s city, from {@code firstHost} up. */
    private InetAddress allocate(Keys k, String key, Where place, int firstHost) {
        Cidr net = places == null ? null : places.loopbackNetworkOf(cityOf(place));
        if (net == null) {
            k.error(key, "missing: '" + place.label() + "' has no loopback network in the lab plan to draw an"
                    + " address from; give " + key + " (127.x.y.z)");
            return null;
        }
        String counter = net + "@" + firstHost;
        int host = nextHost.getOrDefault(counter, firstHost);
        long size = 1L << (32 - net.prefixLength());
        while (host < size - 1) {
            InetAddress a = net.addressAt(host++);
            if (!reserved.contains(a) && usedAddresses.add(a)) {
                nextHost.put(counter, host);
                return a;
            }
        }
        k.error(key, "no free address left in " + net);
        return null;
    }

    // ------------------------------------------------------------------------------------ resolvers

    private List<ResolverSpec> bindResolvers(Keys root) {
        List<Node> items = root.list("resolvers", true);
        if (items == null) {
            return List.of();
        }
        if (items.isEmpty()) {
            root.error("resolvers", "at least one resolver is needed");
        }
        // First pass binds explicit addresses, so that defaults never take an address given later.
        List<Object[]> partial = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Keys r = Keys.of(items.get(i), "resolvers[" + i + "]", problems);
            if (r == null) {
                continue;
            }
            r.allow("id", "kind", "software", "binary", "place", "address", "ecs", "cache", "office", "tunnel",
                    "tunnel_pool");
            String id = r.string("id", true);
            if (id != null && !ID.matcher(id).matches()) {
                r.error("id", "must be lower-case letters, digits, '-' or '_'");
            } else if (id != null && !ids.add(id)) {
                r.error("id", "duplicate resolver id '" + id + "'");
            }
            Where place = bindPlace(r, "place");
            boolean cityPlace = r.node("place", false) instanceof YamlTree.Scalar;
            InetAddress address = bindAddress(r, "address", place, cityPlace);
            partial.add(new Object[] {r, id, place, address});
        }
        List<ResolverSpec> out = new ArrayList<>();
        for (Object[] p : partial) {
            Keys r = (Keys) p[0];
            Where place = (Where) p[2];
            InetAddress address = (InetAddress) p[3];
            if (address == null && !r.has("address") && place != null) {
                address = allocate(r, "address", place, FIRST_RESOLVER_HOST);
            }
            ResolverSpec spec = bindResolverRest(r, (String) p[1], place, address);
            if (spec != null) {
                out.add(spec);
            }
        }
        return out;
    }

    private ResolverSpec bindResolverRest(Keys r, String id, Where place, InetAddress address) {
        String kindText = r.has("kind") ? r.string("kind", false) : "local";
        ResolverSpec.Kind kind = ResolverSpec.Kind.LOCAL;
        if ("vpn".equals(kindText)) {
            kind = ResolverSpec.Kind.VPN;
        } else if (kindText != null && !kindText.equals("local")) {
            boolean isSoftware = kindText.equals(ResolverSpec.EMULATED)
                    || Arrays.stream(ResolverKind.values()).anyMatch(k -> k.id().equals(kindText));
            r.error("kind", "must be local or vpn, not '" + kindText + "'" + (isSoftware
                    ? " (kind says where the resolver stands; the program that plays it goes in software: "
                            + kindText + ")" : ""));
        }
        Ecs ecs = bindEcs(r, kind);
        ResolverKind written = bindSoftware(r);
        ResolverKind software = softwareOverride != null ? softwareOverride : written;
        Path binary = bindBinary(r, written, software);
        if (software != null && ecs != null) {
            ecs = checkRealEcs(r, software, ecs);
        }
        boolean cache = !r.has("cache") || Boolean.TRUE.equals(r.bool("cache", false));
        Where office = null;
        ResolverSpec.Tunnel tunnel = null;
        Cidr pool = null;
        if (kind == ResolverSpec.Kind.VPN) {
            office = r.has("office") ? bindPlace(r, "office") : place;
            String t = r.has("tunnel") ? r.string("tunnel", false) : "split";
            if ("full".equals(t)) {
                tunnel = ResolverSpec.Tunnel.FULL;
            } else {
                tunnel = ResolverSpec.Tunnel.SPLIT;
                if (t != null && !t.equals("split")) {
                    r.error("tunnel", "must be split or full, not '" + t + "'");
                }
            }
            pool = bindTunnelPool(r, office, ecs);
        } else {
            for (String vpnOnly : List.of("office", "tunnel", "tunnel_pool")) {
                if (r.has(vpnOnly)) {
                    r.error(vpnOnly, "only for kind: vpn");
                }
            }
        }
        if (id == null || place == null || address == null || ecs == null) {
            return null;
        }
        return new ResolverSpec(id, kind, place, address, ecs, cache, office, tunnel, pool, software, binary);
    }

    /** The real resolver the file names for {@code r}, or null for the emulated one. */
    private static ResolverKind bindSoftware(Keys r) {
        ResolverKind written = null;
        if (r.has("software")) {
            String text = r.string("software", false);
            if (text != null && !text.equals(ResolverSpec.EMULATED)) {
                written = Arrays.stream(ResolverKind.values()).filter(k -> k.id().equals(text)).findFirst()
                        .orElse(null);
                if (written == null) {
                    r.error("software", "must be " + ResolverSpec.EMULATED + " (default), "
                            + String.join(", ", Arrays.stream(ResolverKind.values()).map(ResolverKind::id).toList())
                            + ", not '" + text + "'");
                }
            }
        }
        return written;
    }

    /**
     * The {@code binary:} path: only with real software in the file, absolute; dropped when the
     * override plays the resolver with another software than the file names.
     */
    private static Path bindBinary(Keys r, ResolverKind written, ResolverKind software) {
        if (!r.has("binary")) {
            return null;
        }
        String text = r.string("binary", false);
        if (text == null) {
            return null;
        }
        if (written == null) {
            r.error("binary", "only for a real resolver (software: unbound, pdns-recursor, knot-resolver or dnsmasq)");
            return null;
        }
        try {
            Path p = Path.of(text);
            if (!p.isAbsolute()) {
                r.error("binary", "must be an absolute path, not '" + text + "'");
                return null;
            }
            return software == written ? p : null; // the binary belongs to the software the file names
        } catch (InvalidPathException e) {
            r.error("binary", "'" + text + "' is not a valid path: " + e.getReason());
            return null;
        }
    }

    /**
     * A real resolver sends only what its own ECS setting makes of the address a query comes from:
     * none, or the source address cut to N bits. {@code client-N} and {@code tunnel-N} are that (the
     * stub asks from the client's own address, or from its address inside the tunnel); a fixed subnet
     * is not, and knot-resolver 5.x sends no ECS at all. Errors are reported; the ECS is returned.
     */
    private Ecs checkRealEcs(Keys r, ResolverKind software, Ecs ecs) {
        String by = softwareOverride != null ? " (software " + software.id() + " set for every resolver by the override)"
                : "";
        if (ecs.mode() == Ecs.Mode.FIXED) {
            r.error("ecs", "a real resolver (" + software.id() + ")" + by + " cannot send the fixed subnet "
                    + ecs.text() + ": it sends only what its ECS setting makes of the client's address; use none,"
                    + " client-N or tunnel-N, or software: emulated");
        } else if (ecs.mode() != Ecs.Mode.NONE && !software.supportsEcs()) {
            r.error("ecs", software.id() + by + " cannot send ECS (knot-resolver 5.x has no ECS module); use ecs:"
                    + " none, or another software");
        }
        return ecs; // even when reported: the resolver stays, so that references to it raise no further errors
    }

    private Cidr bindTunnelPool(Keys r, Where office, Ecs ecs) {
        if (r.has("tunnel_pool")) {
            String text = r.string("tunnel_pool", false);
            if (text == null) {
                return null;
            }
            try {
                return Cidr.parse(text);
            } catch (IllegalArgumentException e) {
                r.error("tunnel_pool", e.getMessage());
                return null;
            }
        }
        Cidr net = office == null || places == null ? null : places.loopbackNetworkOf(cityOf(office));
        if (net == null && ecs != null && ecs.mode() == Ecs.Mode.TUNNEL) {
            r.error("tunnel_pool", "missing: ecs " + ecs.text() + " needs the tunnel's addresses, and the office '"
                    + (office == null ? "?" : office.label()) + "' has no loopback network in the lab plan");
        }
        return net;
    }

    private static Ecs bindEcs(Keys r, ResolverSpec.Kind kind) {
        if (!r.has("ecs")) {
            return Ecs.NONE;
        }
        String text = r.string("ecs", false);
        if (text == null) {
            return null;
        }
        if (text.equals("none")) {
            return Ecs.NONE;
        }
        Matcher m = ECS_PREFIX.matcher(text);
        if (m.matches()) {
            int prefix = Integer.parseInt(m.group(2));
            if (prefix < 1 || prefix > 32) {
                r.error("ecs", "the prefix length must be 1..32");
                return null;
            }
            if (m.group(1).equals("tunnel") && kind != ResolverSpec.Kind.VPN) {
                r.error("ecs", text + " is only for kind: vpn (only a VPN resolver sees a tunnel address)");
                return null;
            }
            return new Ecs(m.group(1).equals("client") ? Ecs.Mode.CLIENT : Ecs.Mode.TUNNEL, prefix, null);
        }
        if (text.contains("/")) {
            try {
                Cidr c = Cidr.parse(text);
                return new Ecs(Ecs.Mode.FIXED, c.prefixLength(), c);
            } catch (IllegalArgumentException e) {
                r.error("ecs", e.getMessage());
                return null;
            }
        }
        r.error("ecs", "must be none, client-N, tunnel-N (N = prefix length, e.g. client-24) or a CIDR, not '"
                + text + "'");
        return null;
    }

    // ------------------------------------------------------------------------------------ clients

    private List<ClientSpec> bindClients(Keys root, List<ResolverSpec> resolvers, List<String> tenants) {
        List<Node> items = root.list("clients", true);
        if (items == null) {
            return List.of();
        }
        if (items.isEmpty()) {
            root.error("clients", "at least one client is needed");
        }
        Map<String, ResolverSpec> byId = new HashMap<>();
        resolvers.forEach(r -> byId.put(r.id(), r));
        List<Object[]> partial = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Keys c = Keys.of(items.get(i), "clients[" + i + "]", problems);
            if (c == null) {
                continue;
            }
            c.allow("id", "place", "address", "resolver", "local_resolver", "tenant", "lookups");
            String id = c.string("id", true);
            if (id != null && !ID.matcher(id).matches()) {
                c.error("id", "must be lower-case letters, digits, '-' or '_'");
            } else if (id != null && !ids.add(id)) {
                c.error("id", "duplicate client id '" + id + "'");
            }
            Where place = bindPlace(c, "place");
            boolean cityPlace = c.node("place", false) instanceof YamlTree.Scalar;
            InetAddress address = bindAddress(c, "address", place, cityPlace);
            partial.add(new Object[] {c, id, place, address});
        }
        List<ClientSpec> out = new ArrayList<>();
        for (Object[] p : partial) {
            Keys c = (Keys) p[0];
            Where place = (Where) p[2];
            InetAddress address = (InetAddress) p[3];
            if (address == null && !c.has("address") && place != null) {
                address = allocate(c, "address", place, FIRST_CLIENT_HOST);
            }
            String resolver = c.string("resolver", true);
            if (resolver != null && !byId.containsKey(resolver)) {
                c.error("resolver", "unknown resolver '" + resolver + "' (resolvers: " + byId.keySet() + ")");
                resolver = null;
            }
            String local = c.has("local_resolver") ? c.string("local_resolver", false) : null;
            if (local != null) {
                ResolverSpec lr = byId.get(local);
                if (lr == null) {
                    c.error("local_resolver", "unknown resolver '" + local + "' (resolvers: " + byId.keySet() + ")");
                    local = null;
                } else if (lr.isVpn()) {
                    c.error("local_resolver", "'" + local + "' is a VPN resolver; the baseline must be kind: local");
                    local = null;
                }
            }
            String tenant = c.has("tenant") ? c.string("tenant", false) : null;
            if (tenant != null) {
                tenant = tenantRef(c, "tenant", tenant, tenants);
            }
            List<Lookup> lookups = bindLookups(c, tenant, tenants);
            String id = (String) p[1];
            if (id != null && place != null && address != null && resolver != null && lookups != null) {
                out.add(new ClientSpec(id, place, address, resolver, local, tenant, lookups));
            }
        }
        return out;
    }

    private List<Lookup> bindLookups(Keys c, String clientTenant, List<String> tenants) {
        List<String> texts = c.strings("lookups", true);
        if (texts == null) {
            return null;
        }
        if (texts.isEmpty()) {
            c.error("lookups", "at least one lookup is needed");
            return null;
        }
        List<Lookup> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean ok = true;
        for (String text : texts) {
            if (!seen.add(text)) {
                c.error("lookups", "'" + text + "' is listed twice");
                ok = false;
                continue;
            }
            Lookup l = world == null ? null : lookup(c, text, clientTenant, tenants);
            if (l == null) {
                ok = false;
            } else {
                out.add(l);
            }
        }
        return ok ? out : null;
    }

    /** Resolves a lookup shortcut ({@code exchange}, {@code sharepoint:contoso}) or a literal name. */
    private Lookup lookup(Keys c, String text, String clientTenant, List<String> tenants) {
        if (text.contains(".")) {
            String name;
            try {
                name = Name.fromString(text.toLowerCase(Locale.ROOT), Name.root).toString();
            } catch (TextParseException e) {
                c.error("lookups", "'" + text + "' is not a valid DNS name: " + e.getMessage());
                return null;
            }
            for (Service s : world.services()) {
                for (String pattern : s.names()) {
                    String tenant = match(pattern, name);
                    if (tenant != null) {
                        String t = tenant.isEmpty() ? sameCloud(clientTenant, s) : tenant;
                        if (!tenant.isEmpty() && (t = tenantRef(c, "lookups", tenant, tenants)) == null) {
                            return null;
                        }
                        return new Lookup(text, name, s.id(), t);
                    }
                }
            }
            return new Lookup(text, name, null, null);
        }
        String[] parts = text.split(":", -1);
        if (parts.length > 2 || parts[0].isEmpty()) {
            c.error("lookups", "'" + text + "' is neither a DNS name nor SERVICE or SERVICE:TENANT");
            return null;
        }
        Service s = world.service(parts[0]).orElse(null);
        if (s == null) {
            c.error("lookups", "unknown service '" + parts[0] + "' in '" + text + "' (services: " + serviceIds()
                    + "; or write a DNS name)");
            return null;
        }
        String tenant = parts.length == 2 ? tenantRef(c, "lookups", parts[1], tenants) : null;
        if (parts.length == 2 && tenant == null) {
            return null;
        }
        if (tenant != null) {
            Tenant t = world.tenant(tenant).orElseThrow();
            if (!t.cloud().equals(s.cloud())) {
                c.error("lookups", "'" + text + "': tenant " + tenant + " is in cloud " + t.cloud() + ", service "
                        + s.id() + " in cloud " + s.cloud());
                return null;
            }
        } else {
            tenant = sameCloud(clientTenant, s);
        }
        if (s.perTenant()) {
            if (tenant == null) {
                c.error("lookups", "'" + text + "': service " + s.id() + " has one name per tenant; write "
                        + s.id() + ":TENANT or give the client a tenant of cloud " + s.cloud());
                return null;
            }
            String pattern = s.names().stream().filter(n -> n.contains(ChainStep.TENANT)).findFirst().orElseThrow();
            return new Lookup(text, absolute(pattern.replace(ChainStep.TENANT, tenant)), s.id(), tenant);
        }
        String literal = s.names().stream().filter(n -> !n.contains(ChainStep.TENANT)).findFirst().orElse(null);
        if (literal == null) {
            c.error("lookups", "service " + s.id() + " has no literal name to look up");
            return null;
        }
        return new Lookup(text, absolute(literal), s.id(), tenant);
    }

    /** The client's tenant when it belongs to the service's cloud, else null. */
    private String sameCloud(String tenant, Service s) {
        if (tenant == null) {
            return null;
        }
        Tenant t = world.tenant(tenant).orElse(null);
        return t != null && t.cloud().equals(s.cloud()) ? tenant : null;
    }

    /**
     * Matches {@code name} against a service name pattern: null when it does not match, "" for a
     * literal match, else the {@code {tenant}} label.
     */
    private String match(String pattern, String name) {
        String p = absolute(pattern);
        int at = p.indexOf(ChainStep.TENANT);
        if (at < 0) {
            return p.equals(name) ? "" : null;
        }
        String prefix = p.substring(0, at);
        String suffix = p.substring(at + ChainStep.TENANT.length());
        if (name.length() <= prefix.length() + suffix.length() || !name.startsWith(prefix) || !name.endsWith(suffix)) {
            return null;
        }
        String label = name.substring(prefix.length(), name.length() - suffix.length());
        return label.contains(".") || world.tenant(label).isEmpty() ? null : label;
    }

    private static String absolute(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n : n + ".";
    }

    // ------------------------------------------------------------------------------------ events

    private List<EventSpec> bindEvents(Keys root, int rounds, double roundSeconds) {
        List<Node> items = root.list("events", false);
        if (items == null) {
            return List.of();
        }
        List<EventSpec> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Keys e = Keys.of(items.get(i), "events[" + i + "]", problems);
            if (e == null) {
                continue;
            }
            e.allow("at_round", "at_seconds", "drain", "restore");
            if (e.has("at_round") == e.has("at_seconds")) {
                e.error("give exactly one of at_round and at_seconds");
                continue;
            }
            if (e.has("drain") == e.has("restore")) {
                e.error("give exactly one of drain: SITE and restore: SITE");
                continue;
            }
            int round;
            double at;
            if (e.has("at_round")) {
                Long r = e.integer("at_round", false);
                if (r == null) {
                    continue;
                }
                if (r < 0 || r >= rounds) {
                    e.error("at_round", "must be 0.." + (rounds - 1) + " (rounds: " + rounds + ")");
                    continue;
                }
                round = r.intValue();
                at = round * roundSeconds;
            } else {
                Double s = e.number("at_seconds", false);
                if (s == null) {
                    continue;
                }
                double last = (rounds - 1) * roundSeconds;
                if (roundSeconds <= 0) {
                    e.error("at_seconds", "needs round_seconds > 0 (or use at_round)");
                    continue;
                }
                if (s < 0 || s > last) {
                    e.error("at_seconds", "must be within the run: 0.." + Format.number(last) + " s");
                    continue;
                }
                round = (int) Math.ceil(s / roundSeconds - 1e-9);
                at = s;
            }
            EventSpec.Action action = e.has("drain") ? EventSpec.Action.DRAIN : EventSpec.Action.RESTORE;
            String key = action == EventSpec.Action.DRAIN ? "drain" : "restore";
            String site = e.string(key, false);
            if (site == null) {
                continue;
            }
            if (world != null && world.site(site).isEmpty()) {
                e.error(key, "unknown site '" + site + "'");
                continue;
            }
            out.add(new EventSpec(round, at, action, site));
        }
        List<EventSpec> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparingDouble(EventSpec::atSeconds));
        return sorted;
    }

    // ------------------------------------------------------------------------------------ expectations

    private List<Expectation> bindExpectations(Keys root, List<ClientSpec> clients, int rounds) {
        List<Node> items = root.list("expect", false);
        if (items == null) {
            return List.of();
        }
        List<Expectation> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Keys x = Keys.of(items.get(i), "expect[" + i + "]", problems);
            if (x == null) {
                continue;
            }
            x.allow("client", "lookup", "round", "site", "not_site", "continent", "cloud", "penalty_ms", "rtt_ms",
                    "distance_km");
            String client = x.string("client", true);
            String lookup = x.string("lookup", true);
            ClientSpec c = client == null ? null : clients.stream().filter(s -> s.id().equals(client)).findFirst()
                    .orElse(null);
            if (client != null && c == null) {
                x.error("client", "unknown client '" + client + "'");
            } else if (c != null && lookup != null && c.lookups().stream().noneMatch(l -> l.text().equals(lookup))) {
                x.error("lookup", "client " + client + " does not look up '" + lookup + "' (its lookups: "
                        + c.lookups().stream().map(Lookup::text).toList() + ")");
            }
            Integer round = null;
            if (x.has("round")) {
                Long r = x.integer("round", false);
                if (r != null && (r < 0 || r >= rounds)) {
                    x.error("round", "must be 0.." + (rounds - 1));
                } else if (r != null) {
                    round = r.intValue();
                }
            }
            List<String> sites = siteRefs(x, "site");
            List<String> notSites = siteRefs(x, "not_site");
            String continent = x.has("continent") ? x.string("continent", false) : null;
            if (continent != null && Arrays.stream(Continent.values()).noneMatch(v -> v.name().equals(continent))) {
                x.error("continent", "must be one of " + Arrays.toString(Continent.values()));
            }
            String cloud = x.has("cloud") ? x.string("cloud", false) : null;
            if (cloud != null && world != null && world.cloud(cloud).isEmpty()) {
                x.error("cloud", "unknown cloud '" + cloud + "'");
            }
            Range penalty = range(x, "penalty_ms");
            Range rtt = range(x, "rtt_ms");
            Range distance = range(x, "distance_km");
            if (sites.isEmpty() && notSites.isEmpty() && continent == null && cloud == null && penalty == null
                    && rtt == null && distance == null) {
                x.error("nothing to check: give site, not_site, continent, cloud, penalty_ms, rtt_ms or distance_km");
            }
            if (client != null && lookup != null) {
                out.add(new Expectation(client, lookup, round, sites, notSites, continent, cloud, penalty, rtt,
                        distance, x.line()));
            }
        }
        return out;
    }

    private List<String> siteRefs(Keys x, String key) {
        List<String> ids = x.stringOrStrings(key);
        if (world != null) {
            for (String id : ids) {
                if (world.site(id).isEmpty()) {
                    x.error(key, "unknown site '" + id + "'");
                }
            }
        }
        return ids;
    }

    private static Range range(Keys x, String key) {
        Keys m = x.map(key, false);
        if (m == null) {
            return null;
        }
        m.allow("min", "max");
        Double min = m.has("min") ? m.number("min", false) : null;
        Double max = m.has("max") ? m.number("max", false) : null;
        if (min == null && max == null) {
            m.error("give min, max or both");
            return null;
        }
        if (min != null && max != null && min > max) {
            m.error("min must not exceed max");
        }
        return new Range(min, max);
    }

    // ------------------------------------------------------------------------------------ helpers

    private void reserveAddresses(Keys root) {
        for (String key : List.of("resolvers", "clients")) {
            if (root.node(key, false) instanceof YamlTree.ListNode l) {
                for (Node item : l.items()) {
                    if (item instanceof YamlTree.MapNode m && m.entries().get("address") instanceof YamlTree.Scalar s) {
                        byte[] raw = Cidr.parseLiteral(s.text());
                        if (raw != null) {
                            reserved.add(toAddress(raw));
                        }
                    }
                }
            }
        }
    }

    private String serviceIds() {
        return String.join(", ", world.services().stream().map(Service::id).toList());
    }

    private String tenantIds() {
        return String.join(", ", world.tenants().stream().map(Tenant::id).toList());
    }

    private static InetAddress toAddress(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
