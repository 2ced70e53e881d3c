package dev.geodns.testbed.scenario;

import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.EndpointCategory;
import dev.geodns.config.yaml.Fields;
import dev.geodns.config.yaml.YamlNode;
import dev.geodns.testbed.resolvers.ResolverKind;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Binds the {@code resolvers} section. */
final class ResolverBinder {
    /** Default resolver addresses are drawn from host .53 of the city's network up. */
    static final int FIRST_HOST = 53;

    private final ScenarioWorld world;
    private final EndpointBinder endpoints;
    /** Software for every resolver (the CLI's {@code --resolver-kind}), or null. */
    private final ResolverKind softwareOverride;

    ResolverBinder(ScenarioWorld world, EndpointBinder endpoints, ResolverKind softwareOverride) {
        this.world = world;
        this.endpoints = endpoints;
        this.softwareOverride = softwareOverride;
    }

    List<ResolverSpec> bind(Fields root) {
        List<YamlNode> items = root.listOrNull("resolvers", true);
        if (items == null) {
            return List.of();
        }
        if (items.isEmpty()) {
            root.error("resolvers", "at least one resolver is needed");
        }
        List<Endpoint> bound = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Fields r = Fields.of(items.get(i), root.path("resolvers", i), root.problems());
            if (r != null) {
                r.allow("id", "kind", "software", "binary", "place", "address", "ecs", "cache", "office", "tunnel",
                        "tunnel_pool", "direct_categories");
                bound.add(endpoints.bind(r, ids, "resolver"));
            }
        }
        List<ResolverSpec> out = new ArrayList<>();
        for (Endpoint e : bound) {
            ResolverSpec spec = resolver(endpoints.withDefaultAddress(e, FIRST_HOST));
            if (spec != null) {
                out.add(spec);
            }
        }
        return out;
    }

    private ResolverSpec resolver(Endpoint e) {
        Fields r = e.at();
        ResolverSpec.Kind kind = kind(r);
        Ecs ecs = EcsBinder.bind(r, kind);
        ResolverKind written = software(r);
        ResolverKind software = softwareOverride != null ? softwareOverride : written;
        Path binary = binary(r, written, software);
        if (software != null && ecs != null) {
            EcsBinder.checkReal(r, software, ecs, softwareOverride != null);
        }
        boolean cache = !r.has("cache") || Boolean.TRUE.equals(r.optBool("cache", true));
        Where office = null;
        ResolverSpec.Tunnel tunnel = null;
        Cidr pool = null;
        Set<EndpointCategory> direct = Set.of();
        if (kind == ResolverSpec.Kind.VPN) {
            BoundPlace officePlace = r.has("office") ? PlaceBinder.bind(r, "office", world) : e.place();
            office = officePlace == null ? null : officePlace.where();
            tunnel = tunnel(r);
            pool = tunnelPool(r, officePlace, ecs);
            direct = directCategories(r, tunnel);
        } else {
            for (String vpnOnly : List.of("office", "tunnel", "tunnel_pool", "direct_categories")) {
                if (r.has(vpnOnly)) {
                    r.error(vpnOnly, "only for kind: vpn");
                }
            }
        }
        if (e.id() == null || e.place() == null || e.address() == null || ecs == null) {
            return null;
        }
        return new ResolverSpec(e.id(), kind, e.where(), e.address(), ecs, cache, office, tunnel, pool, software,
                binary, direct);
    }

    private static ResolverSpec.Kind kind(Fields r) {
        String text = r.optString("kind", "local");
        if ("vpn".equals(text)) {
            return ResolverSpec.Kind.VPN;
        }
        if (text != null && !text.equals("local")) {
            boolean isSoftware = text.equals(ResolverSpec.EMULATED)
                    || Arrays.stream(ResolverKind.values()).anyMatch(k -> k.id().equals(text));
            r.error("kind", "must be local or vpn, not '" + text + "'" + (isSoftware
                    ? " (kind says where the resolver stands; the program that plays it goes in software: "
                            + text + ")" : ""));
        }
        return ResolverSpec.Kind.LOCAL;
    }

    /** {@code direct_categories}: what a split tunnel sends direct (default [Optimize]); not for a full tunnel. */
    private static Set<EndpointCategory> directCategories(Fields r, ResolverSpec.Tunnel tunnel) {
        if (!r.has("direct_categories")) {
            return tunnel == ResolverSpec.Tunnel.SPLIT ? ResolverSpec.DEFAULT_DIRECT : Set.of();
        }
        if (tunnel == ResolverSpec.Tunnel.FULL) {
            r.error("direct_categories", "only for tunnel: split (a full tunnel sends everything through the office)");
            return Set.of();
        }
        Set<EndpointCategory> out = new HashSet<>();
        List<String> texts = r.strings("direct_categories", false);
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            EndpointCategory c = t == null ? null : EndpointCategory.of(t);
            if (c == null && t != null) {
                r.error("direct_categories", i, "must be Optimize, Allow or Default, not '" + t + "'");
            } else if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    private static ResolverSpec.Tunnel tunnel(Fields r) {
        String t = r.optString("tunnel", "split");
        if ("full".equals(t)) {
            return ResolverSpec.Tunnel.FULL;
        }
        if (t != null && !t.equals("split")) {
            r.error("tunnel", "must be split or full, not '" + t + "'");
        }
        return ResolverSpec.Tunnel.SPLIT;
    }

    /** The real resolver the file names for {@code r}, or null for the emulated one. */
    private static ResolverKind software(Fields r) {
        String text = r.optString("software", ResolverSpec.EMULATED);
        if (text == null || text.equals(ResolverSpec.EMULATED)) {
            return null;
        }
        ResolverKind written = Arrays.stream(ResolverKind.values()).filter(k -> k.id().equals(text)).findFirst()
                .orElse(null);
        if (written == null) {
            r.error("software", "must be " + ResolverSpec.EMULATED + " (default), "
                    + String.join(", ", Arrays.stream(ResolverKind.values()).map(ResolverKind::id).toList())
                    + ", not '" + text + "'");
        }
        return written;
    }

    /**
     * The {@code binary:} path: only with real software in the file, absolute; dropped when the
     * override plays the resolver with another software than the file names.
     */
    private static Path binary(Fields r, ResolverKind written, ResolverKind software) {
        String text = r.optString("binary", null);
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

    /** The {@code tunnel_pool}, by default the office's loopback network. */
    private Cidr tunnelPool(Fields r, BoundPlace office, Ecs ecs) {
        if (r.has("tunnel_pool")) {
            String text = r.optString("tunnel_pool", null);
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
        Cidr net = office == null || office.city() == null ? null : world.places().loopbackNetworkOf(office.city());
        if (net == null && ecs != null && ecs.mode() == Ecs.Mode.TUNNEL) {
            r.error("tunnel_pool", "missing: ecs " + ecs.text() + " needs the tunnel's addresses, and the office '"
                    + (office == null ? "?" : office.where().label()) + "' has no loopback network in the lab plan");
        }
        return net;
    }
}
