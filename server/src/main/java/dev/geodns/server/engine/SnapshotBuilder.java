package dev.geodns.server.engine;

import dev.geodns.config.ConfigError;
import dev.geodns.config.WorldException;
import dev.geodns.config.model.ChainStep;
import dev.geodns.config.model.NameServerSpec;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.SoaSettings;
import dev.geodns.config.model.Tenant;
import dev.geodns.config.model.World;
import dev.geodns.config.model.ZoneSpec;
import dev.geodns.server.geo.Location;
import dev.geodns.server.routing.DrainState;
import dev.geodns.server.routing.Router;
import dev.geodns.server.routing.SiteTable;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Compiles a {@link World} (and extra zone files) into a {@link Snapshot}: zones with SOA and NS,
 * static records, the service names of every tenant, each service's chain and regional names, empty
 * non-terminals, wildcards, delegation points, and which routing decides each name.
 *
 * <p>Names the world cannot serve consistently (data outside every zone, a CNAME beside other data,
 * a name claimed twice) are rejected here with a config error, before the snapshot is published.
 */
public final class SnapshotBuilder {
    private static final int MAX_CHAIN = 16;

    private final World world;
    private final Map<Name, Node> nodes = new LinkedHashMap<>();
    private final Map<Name, Zone> zones = new LinkedHashMap<>();
    private final Map<Name, List<Record>> glue = new HashMap<>();
    private final Map<Site, Integer> siteIndex = new HashMap<>();
    private final List<ConfigError> errors = new ArrayList<>();
    private final String file;

    private final Function<Service, List<Site>> candidates;

    private SnapshotBuilder(World world, Function<Service, List<Site>> candidates) {
        this.world = world;
        this.candidates = candidates;
        this.file = world.source() == null ? "builtin:" + world.name() : world.source().toString();
        for (int i = 0; i < world.sites().size(); i++) {
            siteIndex.put(world.sites().get(i), i);
        }
    }

    /**
     * Builds the snapshot of {@code world} plus {@code extraZones} (from {@code --zone}); the sites
     * each service may answer with (and so needs regional names for) come from {@code candidates},
     * the router's own answer, so the cloud fence is written once, in the router.
     */
    public static Snapshot build(World world, List<ZoneSpec> extraZones, Function<Service, List<Site>> candidates)
            throws WorldException {
        return new SnapshotBuilder(world, candidates).compile(extraZones);
    }

    /** Builds the snapshot with the candidates of a router of {@code world} (for checks and tools). */
    public static Snapshot build(World world, List<ZoneSpec> extraZones) throws WorldException {
        SiteTable table = SiteTable.of(world);
        Router router;
        try {
            router = new Router(world, table, address -> Location.UNKNOWN, new DrainState(table));
        } catch (IllegalArgumentException e) {
            String file = world.source() == null ? "builtin:" + world.name() : world.source().toString();
            throw new WorldException(List.of(new ConfigError(file, 0, "(routing)", e.getMessage())));
        }
        return build(world, extraZones, router::candidates);
    }

    private Snapshot compile(List<ZoneSpec> extraZones) throws WorldException {
        List<ZoneSpec> all = new ArrayList<>(world.zones());
        all.addAll(extraZones);
        for (ZoneSpec spec : all) {
            addZone(spec);
        }
        addServerGlue();
        for (int i = 0; i < world.services().size(); i++) {
            addService(world.services().get(i), "services[" + i + "]");
        }
        addEmptyNonTerminals();
        linkStructure();
        if (!errors.isEmpty()) {
            throw new WorldException(errors);
        }
        NameTable<Node> table = new NameTable<>(nodes.size());
        for (Node n : nodes.values()) {
            table.put(n.name.toWireCanonical(), n);
        }
        return new Snapshot(world, table, new ArrayList<>(zones.values()), glue,
                world.sites().toArray(new Site[0]));
    }

    private void error(String keyPath, String reason) {
        errors.add(new ConfigError(file, 0, keyPath, reason));
    }

    private Node node(Name name) {
        return nodes.computeIfAbsent(name, Node::new);
    }

    private void addZone(ZoneSpec spec) {
        Name origin = spec.origin();
        String where = spec.file() != null ? spec.file().toString() : "zones[" + origin + "]";
        if (zones.containsKey(origin)) {
            error(where, "zone " + origin + " is declared twice");
            return;
        }
        SOARecord soa = null;
        List<Record> ns = new ArrayList<>();
        for (Record r : spec.records()) {
            if (!r.getName().subdomain(origin)) {
                error(where, r.getName() + " is outside zone " + origin);
                continue;
            }
            if (r.getType() == Type.SOA && r.getName().equals(origin)) {
                soa = (SOARecord) r;
            } else if (r.getType() == Type.NS && r.getName().equals(origin)) {
                ns.add(r);
            }
        }
        SoaSettings s = world.server().soa();
        List<NameServerSpec> servers = world.server().nameservers();
        if (soa == null) {
            Name mname = servers.isEmpty() ? origin : servers.get(0).name();
            soa = new SOARecord(origin, DClass.IN, s.ttl(), mname, s.rname(), s.serial(), s.refresh(), s.retry(),
                    s.expire(), s.minimum());
        }
        if (ns.isEmpty()) {
            for (NameServerSpec server : servers) {
                ns.add(new NSRecord(origin, DClass.IN, world.server().nsTtl(), server.name()));
            }
        }
        Zone zone = new Zone(origin, soa, ns);
        zones.put(origin, zone);
        Node apex = node(origin);
        apex.add(soa);
        boolean fileHasNs = spec.records().stream().anyMatch(r -> r.getType() == Type.NS && r.getName().equals(origin));
        for (Record r : spec.records()) {
            if (r.getType() == Type.SOA && r.getName().equals(origin)) {
                continue;
            }
            if (r.getName().subdomain(origin)) {
                node(r.getName()).add(r);
                addGlue(r);
            }
        }
        if (!fileHasNs) {
            ns.forEach(apex::add);
        }
    }

    private void addGlue(Record r) {
        if (r.getType() == Type.A || r.getType() == Type.AAAA) {
            glue.computeIfAbsent(r.getName(), k -> new ArrayList<>()).add(r);
        }
    }

    /** The server's own name-server names get their addresses as glue wherever they are listed. */
    private void addServerGlue() {
        long ttl = world.server().nsTtl();
        for (NameServerSpec server : world.server().nameservers()) {
            for (InetAddress a : server.addresses()) {
                Record r = a instanceof Inet4Address
                        ? new ARecord(server.name(), DClass.IN, ttl, a)
                        : new AAAARecord(server.name(), DClass.IN, ttl, a);
                List<Record> list = glue.computeIfAbsent(server.name(), k -> new ArrayList<>());
                if (list.stream().noneMatch(x -> x.equals(r))) {
                    list.add(r);
                }
            }
        }
    }

    private void addService(Service service, String path) {
        List<Site> candidates = this.candidates.apply(service);
        List<Tenant> tenants = service.perTenant()
                ? world.tenants().stream().filter(t -> t.cloud().equals(service.cloud())).toList()
                : java.util.Collections.singletonList(null);
        // A geo target without {tenant} is the same for every tenant: build it once per service, so a
        // world of 100,000 tenants holds one array of regional names, not one per tenant.
        Map<Integer, Name[]> sharedTargets = new HashMap<>();
        for (Tenant tenant : tenants) {
            Binding binding = new Binding(service, tenant);
            for (int i = 0; i < service.chain().size(); i++) {
                ChainStep step = service.chain().get(i);
                Name owner = name(expand(step.owner(), tenant, null), path + ".chain[" + i + "].owner");
                if (owner == null) {
                    continue;
                }
                Node n = node(owner);
                if (n.hasData()) {
                    error(path + ".chain[" + i + "].owner", owner + " already has data (another service or a zone file)");
                    continue;
                }
                if (step.isGeoStep()) {
                    String targetPath = path + ".chain[" + i + "].target";
                    Name[] targets = step.target().contains(ChainStep.TENANT)
                            ? geoTargets(step, tenant, candidates, targetPath)
                            : sharedTargets.computeIfAbsent(i, k -> geoTargets(step, null, candidates, targetPath));
                    n.geo = new GeoStep(binding, step.ttl(), targets);
                } else {
                    Name target = name(expand(step.target(), tenant, null), path + ".chain[" + i + "].target");
                    if (target != null) {
                        n.add(new CNAMERecord(owner, DClass.IN, step.ttl(), target));
                    }
                }
            }
        }
        for (Site site : candidates) {
            Name regional = name(expand(service.regional().pattern(), null, site), path + ".regional.name");
            if (regional == null) {
                continue;
            }
            Node n = node(regional);
            if (n.regionalSite != null && n.regionalSite.equals(site)) {
                continue; // two services sharing one regional name for the same site
            }
            if (n.hasData()) {
                error(path + ".regional.name", regional + " already has data (another service or a zone file)");
                continue;
            }
            n.regionalSite = site;
            long ttl = service.regional().ttl();
            for (InetAddress a : site.ipv4()) {
                n.add(new ARecord(regional, DClass.IN, ttl, a));
            }
            for (InetAddress a : site.ipv6()) {
                n.add(new AAAARecord(regional, DClass.IN, ttl, a));
            }
        }
    }

    /** The geo step's target for each candidate site, by site index (null for non-candidates). */
    private Name[] geoTargets(ChainStep step, Tenant tenant, List<Site> candidates, String path) {
        Name[] targets = new Name[world.sites().size()];
        for (Site site : candidates) {
            targets[siteIndex.get(site)] = name(expand(step.target(), tenant, site), path);
        }
        return targets;
    }

    private static String expand(String pattern, Tenant tenant, Site site) {
        String s = pattern;
        if (tenant != null) {
            s = s.replace(ChainStep.TENANT, tenant.id());
        }
        if (site != null) {
            s = s.replace(ChainStep.SITE, site.code());
        }
        return s;
    }

    private Name name(String text, String path) {
        try {
            return Name.fromString(text, Name.root);
        } catch (TextParseException e) {
            error(path, "'" + text + "' is not a valid domain name: " + e.getMessage());
            return null;
        }
    }

    private void addEmptyNonTerminals() {
        for (Node n : new ArrayList<>(nodes.values())) {
            Zone zone = zoneOf(n.name);
            if (zone == null) {
                error("names", n.name + " is outside every zone served");
                continue;
            }
            Name parent = n.name;
            while (parent.labels() > zone.origin.labels() + 1) {
                parent = new Name(parent, 1);
                node(parent);
            }
        }
    }

    private Zone zoneOf(Name name) {
        Zone best = null;
        for (Zone z : zones.values()) {
            if (name.subdomain(z.origin) && (best == null || z.origin.labels() > best.origin.labels())) {
                best = z;
            }
        }
        return best;
    }

    private void linkStructure() {
        for (Node n : nodes.values()) {
            n.zone = zoneOf(n.name);
            List<Record> cname = n.data.get(Type.CNAME);
            if (cname != null && (n.data.size() > 1 || cname.size() > 1)) {
                error("names", n.name + ": a CNAME cannot stand beside other data (RFC 1034 3.6.2)");
            }
        }
        for (Node n : nodes.values()) {
            if (n.zone == null) {
                continue;
            }
            if (n.name.labels() > 1 && n.name.getLabelString(0).equals("*")) {
                Node parent = nodes.get(new Name(n.name, 1));
                if (parent != null) {
                    parent.wildcard = n;
                }
            }
            for (Name up = n.name; up.labels() > n.zone.origin.labels(); up = new Name(up, 1)) {
                Node candidate = nodes.get(up);
                if (candidate != null && candidate.isDelegation()) {
                    n.cut = candidate; // the topmost cut wins: keep walking up
                }
            }
        }
        for (Node n : nodes.values()) {
            n.binding = findBinding(n);
        }
    }

    /** Follows static CNAMEs from {@code start} to the first geo step, whose routing then decides. */
    private Binding findBinding(Node start) {
        Node n = start;
        for (int i = 0; i < MAX_CHAIN && n != null; i++) {
            if (n.geo != null) {
                return n.geo.binding();
            }
            List<Record> cname = n.data.get(Type.CNAME);
            if (cname == null || cname.isEmpty()) {
                return null;
            }
            n = nodes.get(((CNAMERecord) cname.get(0)).getTarget());
        }
        return null;
    }
}
