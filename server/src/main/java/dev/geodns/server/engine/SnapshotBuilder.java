package dev.geodns.server.engine;

import dev.geodns.config.ConfigError;
import dev.geodns.config.WorldCompiler;
import dev.geodns.config.WorldException;
import dev.geodns.config.compiled.ChainLink;
import dev.geodns.config.compiled.CompiledService;
import dev.geodns.config.compiled.CompiledWorld;
import dev.geodns.config.compiled.RegionalAnswer;
import dev.geodns.config.compiled.TenantChain;
import dev.geodns.config.model.NameServerSpec;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.SoaSettings;
import dev.geodns.config.model.World;
import dev.geodns.config.model.ZoneSpec;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * Turns a {@link CompiledWorld} into a {@link Snapshot}: zones with SOA and NS, static records, the
 * compiled names of every service (each tenant's chain and each candidate site's regional name),
 * empty non-terminals, wildcards, delegation points, and which routing decides each name.
 *
 * <p>Names come expanded and collision-free from the compiled world; what is refused here is zone
 * data the server cannot serve consistently (a zone declared twice, records outside their zone, a
 * CNAME beside other data), before the snapshot is published.
 */
public final class SnapshotBuilder {
    private static final int MAX_CHAIN = 16;

    private final CompiledWorld compiled;
    private final World world;
    private final Map<Name, Node> nodes = new LinkedHashMap<>();
    private final Map<Name, Zone> zones = new LinkedHashMap<>();
    private final Map<Name, List<Record>> glue = new HashMap<>();
    private final List<ConfigError> errors = new ArrayList<>();
    private final String file;

    private SnapshotBuilder(CompiledWorld compiled) {
        this.compiled = compiled;
        this.world = compiled.world();
        this.file = world.fileLabel();
    }

    /** Builds the snapshot of a compiled world (its zones include the extra zone files it was compiled with). */
    public static Snapshot build(CompiledWorld compiled) throws WorldException {
        return new SnapshotBuilder(compiled).compile();
    }

    /** Compiles {@code world} plus {@code extraZones} and builds its snapshot (for checks and tools). */
    public static Snapshot build(World world, List<ZoneSpec> extraZones) throws WorldException {
        return build(WorldCompiler.compile(world, extraZones));
    }

    private Snapshot compile() throws WorldException {
        for (ZoneSpec spec : compiled.zones()) {
            addZone(spec);
        }
        addServerGlue();
        for (CompiledService service : compiled.services()) {
            addService(service);
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
        return new Snapshot(compiled, table, new ArrayList<>(zones.values()), glue,
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

    private void addService(CompiledService service) {
        for (TenantChain chain : service.chains()) {
            Binding binding = new Binding(service.service(), chain.tenant());
            for (ChainLink link : chain.links()) {
                Node n = node(link.owner());
                if (link.isGeo()) {
                    n.geo = new GeoStep(binding, link.ttl(), link.geoTargets());
                } else {
                    n.add(new CNAMERecord(link.owner(), DClass.IN, link.ttl(), link.target()));
                }
            }
        }
        for (RegionalAnswer regional : service.regionals()) {
            Site site = compiled.site(regional.site());
            Node n = node(regional.name());
            n.regionalSite = site;
            for (InetAddress a : site.ipv4()) {
                n.add(new ARecord(regional.name(), DClass.IN, regional.ttl(), a));
            }
            for (InetAddress a : site.ipv6()) {
                n.add(new AAAARecord(regional.name(), DClass.IN, regional.ttl(), a));
            }
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
