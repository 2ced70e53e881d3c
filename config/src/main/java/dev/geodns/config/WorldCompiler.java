package dev.geodns.config;

import dev.geodns.config.compiled.ChainLink;
import dev.geodns.config.compiled.CompiledService;
import dev.geodns.config.compiled.CompiledWorld;
import dev.geodns.config.compiled.Fence;
import dev.geodns.config.compiled.LabPlan;
import dev.geodns.config.compiled.NamePatterns;
import dev.geodns.config.compiled.RegionalAnswer;
import dev.geodns.config.compiled.TenantChain;
import dev.geodns.config.model.ChainStep;
import dev.geodns.config.model.Cloud;
import dev.geodns.config.model.LabNetwork;
import dev.geodns.config.model.Place;
import dev.geodns.config.model.RoutingKind;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.Tenant;
import dev.geodns.config.model.World;
import dev.geodns.config.model.ZoneSpec;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;

/**
 * Turns a {@link World} into its {@link CompiledWorld}, applying each rule once: candidates through
 * the {@link Fence}, each tenant's [home, failover...] list checked against its service's
 * candidates, every name pattern expanded per tenant and candidate site, and every expanded name
 * claimed by exactly one owner (a service's chain, a service's regional names, or a zone file).
 * Errors name the world file, the line and the key path ({@link World#lines()}). The loader compiles
 * every world it accepts, so a world it returns compiles; the server compiles again with its extra
 * zone files.
 */
public final class WorldCompiler {
    private final World world;
    private final List<ZoneSpec> zones = new ArrayList<>();
    private final List<Site> sites;
    private final Map<String, Integer> siteIndex = new HashMap<>();
    private final Map<String, Integer> tenantIndex = new HashMap<>();
    private final Map<String, Map<String, Tenant>> tenantsByCloud = new HashMap<>();
    private final Map<String, String> zoneRecordFiles = new HashMap<>();
    private final Map<String, Claim> claims = new HashMap<>();
    private final Set<ConfigError> errors = new LinkedHashSet<>();
    private final Name whoami;

    /** Who owns an expanded name: a service, as a CNAME owner or as a regional name, and where. */
    private record Claim(String service, boolean regional, String where) {
    }

    /** The last world compiled without extra zones: the loader compiles every world it returns, and the server compiles it again. */
    private static volatile CompiledWorld last;

    /** Compiles {@code world} with its own zones. */
    public static CompiledWorld compile(World world) throws WorldException {
        return compile(world, List.of());
    }

    /**
     * Compiles {@code world} plus {@code extraZones} (zone files given beside it, e.g. the server's
     * {@code --zone}): their records may not take a service's names either.
     *
     * @throws WorldException naming file, line and key path of every problem: a name claimed twice,
     *     a site reference that breaks the cloud fence or names no site, a name that is not a name
     */
    public static CompiledWorld compile(World world, List<ZoneSpec> extraZones) throws WorldException {
        if (!extraZones.isEmpty()) {
            return new WorldCompiler(world, extraZones).run();
        }
        CompiledWorld c = last;
        if (c == null || c.world() != world) {
            // compiled worlds are immutable: sharing one between loader and server is safe
            c = new WorldCompiler(world, extraZones).run();
            last = c;
        }
        return c;
    }

    private WorldCompiler(World world, List<ZoneSpec> extraZones) {
        this.world = world;
        this.sites = world.sites();
        for (int i = 0; i < sites.size(); i++) {
            siteIndex.putIfAbsent(sites.get(i).id(), i);
        }
        // A tenant id given twice (case-insensitively) is a loader error; compile the first.
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < world.tenants().size(); i++) {
            Tenant t = world.tenants().get(i);
            if (seen.add(t.id().toLowerCase(Locale.ROOT))) {
                tenantIndex.put(t.id(), i);
                tenantsByCloud.computeIfAbsent(t.cloud(), k -> new LinkedHashMap<>()).put(t.id(), t);
            }
        }
        zones.addAll(world.zones());
        zones.addAll(extraZones);
        this.whoami = whoamiZone();
        for (ZoneSpec z : zones) {
            for (Record r : z.records()) {
                zoneRecordFiles.putIfAbsent(NamePatterns.key(r.getName().toString()), String.valueOf(z.file()));
            }
        }
    }

    private CompiledWorld run() throws WorldException {
        List<CompiledService> services = new ArrayList<>();
        for (int i = 0; i < world.services().size(); i++) {
            CompiledService s = service(world.services().get(i), "services[" + i + "]");
            if (s != null) {
                services.add(s);
            }
        }
        Map<InetAddress, Integer> byAddress = new HashMap<>();
        for (int i = 0; i < sites.size(); i++) {
            int index = i;
            sites.get(i).ipv4().forEach(a -> byAddress.putIfAbsent(a, index));
            sites.get(i).ipv6().forEach(a -> byAddress.putIfAbsent(a, index));
        }
        LabPlan plan = null;
        try {
            plan = new LabPlan(world.networks());
        } catch (IllegalArgumentException e) {
            error("networks", e.getMessage());
        }
        if (!errors.isEmpty()) {
            List<ConfigError> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparingInt(ConfigError::line));
            throw new WorldException(sorted);
        }
        return new CompiledWorld(world, zones, siteIndex, services, byAddress, plan, routingPlaces(), whoami);
    }

    /**
     * The whoami name, after adding its zone (its parent, with generated SOA and NS) to the zones; null
     * when the world has none or it lies inside a served zone (reported: its answer is built per query
     * and must not share a zone with names answered from the cache).
     */
    private Name whoamiZone() {
        String text = world.server() == null ? null : world.server().whoami();
        if (text == null) {
            return null;
        }
        Name name;
        try {
            name = Name.fromString(text, Name.root);
        } catch (TextParseException e) {
            error("server.whoami", "'" + text + "' is not a valid domain name: " + e.getMessage());
            return null;
        }
        Name origin = new Name(name, 1);
        for (ZoneSpec z : zones) {
            if (name.subdomain(z.origin()) || z.origin().subdomain(origin)) {
                error("server.whoami", "'" + text + "' needs a zone of its own (" + origin + "), but zone " + z.origin()
                        + " is served; set server.whoami to a name outside the world's zones, or null");
                return null;
            }
        }
        // A placeholder so that the name exists (other types get NODATA); the engine builds every TXT answer.
        zones.add(new ZoneSpec(origin, null, List.of(new org.xbill.DNS.TXTRecord(name, org.xbill.DNS.DClass.IN, 0,
                "ask for TXT: the answer says what the server saw of the asker"))));
        return name;
    }

    private Set<Place> routingPlaces() {
        Set<Place> places = new LinkedHashSet<>();
        for (LabNetwork n : world.networks()) {
            places.add(n.place());
        }
        for (Cloud c : world.clouds()) {
            int d = index(c.defaultSite());
            if (d >= 0) {
                places.add(sites.get(d).place());
            }
        }
        return places;
    }

    private void error(String keyPath, String reason) {
        errors.add(new ConfigError(world.fileLabel(), world.lines().lineOf(keyPath), keyPath, reason));
    }

    private int index(String siteId) {
        Integer i = siteId == null ? null : siteIndex.get(siteId);
        return i == null ? -1 : i;
    }

    private Site site(String id) {
        int i = index(id);
        return i < 0 ? null : sites.get(i);
    }

    private CompiledService service(Service s, String path) {
        int[] candidates = candidates(s, path);
        if (candidates == null) {
            return null;
        }
        Map<String, Tenant> cloudTenants = tenantsByCloud.getOrDefault(s.cloud(), Map.of());
        Map<String, int[]> preferences = s.routing() == RoutingKind.ACTIVE
                ? preferences(s, cloudTenants.values())
                : Map.of();
        List<Tenant> tenants = s.perTenant() ? List.copyOf(cloudTenants.values()) : Collections.singletonList(null);
        claimNames(s, path, tenants, candidates);
        List<TenantChain> chains = chains(s, path, tenants, candidates);
        List<RegionalAnswer> regionals = regionals(s, path, tenants, candidates);
        int defaultSite = world.cloud(s.cloud()).map(c -> index(c.defaultSite())).orElse(-1);
        return new CompiledService(s, sites, candidates, cloudTenants, preferences, defaultSite, chains, regionals);
    }

    /** The service's candidate site indexes, in file order; null after reporting that it has none. */
    private int[] candidates(Service s, String path) {
        if (s.routing().answersOneSite()) {
            Site fixed = site(s.fixedSite());
            String problem = Fence.problem(fixed, s.fixedSite(), s.cloud(), null, "fixed_site");
            if (problem == null) {
                problem = Fence.fixedKindProblem(fixed, s);
            }
            if (problem != null) {
                error(path + ".fixed_site", problem);
                return null;
            }
            return new int[] {index(s.fixedSite())};
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            if (Fence.admits(sites.get(i), s)) {
                out.add(i);
            }
        }
        if (out.isEmpty()) {
            error(path + ".site_kind", Fence.noCandidates(s));
            return null;
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Each tenant's [home, failover...] as site indexes, every one a candidate of {@code s} (the fence decides). */
    private Map<String, int[]> preferences(Service s, Iterable<Tenant> tenants) {
        Map<String, int[]> out = new LinkedHashMap<>();
        for (Tenant t : tenants) {
            String at = "tenants[" + tenantIndex.get(t.id()) + "]";
            List<String> ids = new ArrayList<>();
            ids.add(t.home());
            ids.addAll(t.failover());
            int[] preference = new int[ids.size()];
            boolean ok = true;
            for (int i = 0; i < ids.size(); i++) {
                String key = i == 0 ? at + ".home" : at + ".failover[" + (i - 1) + "]";
                String role = (i == 0 ? "the home" : "a failover") + " of tenant '" + t.id() + "'";
                Site site = site(ids.get(i));
                String problem = Fence.problem(site, ids.get(i), s.cloud(), s.siteKind(), role);
                if (problem != null) {
                    error(key, problem);
                    ok = false;
                }
                preference[i] = index(ids.get(i));
            }
            if (ok) {
                out.put(t.id(), preference);
            }
        }
        return out;
    }

    /**
     * Claims every expansion of the service's names, chain owners and regional names, in the order a
     * reader meets them; a pattern stops at its first collision.
     */
    private void claimNames(Service s, String path, List<Tenant> tenants, int[] candidates) {
        Set<String> patterns = new HashSet<>();
        for (int i = 0; i < s.names().size(); i++) {
            patterns.add(NamePatterns.key(s.names().get(i)));
            claimAll(s, s.names().get(i), tenants, null, path + ".names[" + i + "]");
        }
        for (int i = 0; i < s.chain().size(); i++) {
            String owner = s.chain().get(i).owner();
            if (patterns.add(NamePatterns.key(owner))) {
                claimAll(s, owner, tenants, null, path + ".chain[" + i + "].owner");
            }
        }
        String pattern = s.regional().pattern();
        List<String> codes = new ArrayList<>();
        for (int c : candidates) {
            codes.add(sites.get(c).code());
        }
        List<Tenant> ts = pattern.contains(ChainStep.TENANT) ? tenants : Collections.singletonList(null);
        claimAll(s, pattern, ts, codes, path + ".regional.name");
    }

    private void claimAll(Service s, String pattern, List<Tenant> tenants, List<String> codes, String path) {
        boolean regional = codes != null;
        for (Tenant tenant : tenants) {
            for (String code : regional ? codes : Collections.<String>singletonList(null)) {
                String name = NamePatterns.expand(pattern, tenant == null ? null : tenant.id(), code);
                String key = NamePatterns.key(name);
                String file = zoneRecordFiles.get(key);
                if (file != null) {
                    error(path, "'" + name + "' also has records in zone file " + file);
                    return;
                }
                Claim first = claims.putIfAbsent(key, new Claim(s.id(), regional, path));
                if (first != null && !(first.service().equals(s.id()) && first.regional() && regional)) {
                    error(path, "'" + name + "' is also a " + (first.regional() ? "regional name" : "name")
                            + " of service '" + first.service() + "' (" + first.where() + ")");
                    return;
                }
            }
        }
    }

    private List<TenantChain> chains(Service s, String path, List<Tenant> tenants, int[] candidates) {
        // A geo target without {tenant} is the same for every tenant: build it once per service, so a
        // world of 100,000 tenants holds one array of regional names, not one per tenant.
        Map<Integer, Name[]> shared = new HashMap<>();
        List<TenantChain> out = new ArrayList<>(tenants.size());
        for (Tenant tenant : tenants) {
            String tid = tenant == null ? null : tenant.id();
            List<ChainLink> links = new ArrayList<>(s.chain().size());
            for (int i = 0; i < s.chain().size(); i++) {
                ChainStep step = s.chain().get(i);
                String at = path + ".chain[" + i + "]";
                Name owner = name(NamePatterns.expand(step.owner(), tid, null), at + ".owner");
                if (owner == null) {
                    continue;
                }
                if (step.isGeoStep()) {
                    Name[] targets = step.target().contains(ChainStep.TENANT)
                            ? geoTargets(step, tid, candidates, at + ".target")
                            : shared.computeIfAbsent(i, k -> geoTargets(step, null, candidates, at + ".target"));
                    links.add(new ChainLink(owner, step.ttl(), null, targets));
                } else {
                    Name target = name(NamePatterns.expand(step.target(), tid, null), at + ".target");
                    if (target != null) {
                        links.add(new ChainLink(owner, step.ttl(), target, null));
                    }
                }
            }
            out.add(new TenantChain(tenant, links));
        }
        return out;
    }

    /** The geo step's target for each candidate site, by site index (null for non-candidates). */
    private Name[] geoTargets(ChainStep step, String tenant, int[] candidates, String path) {
        Name[] targets = new Name[sites.size()];
        for (int c : candidates) {
            targets[c] = name(NamePatterns.expand(step.target(), tenant, sites.get(c).code()), path);
        }
        return targets;
    }

    private List<RegionalAnswer> regionals(Service s, String path, List<Tenant> tenants, int[] candidates) {
        String pattern = s.regional().pattern();
        List<Tenant> ts = pattern.contains(ChainStep.TENANT) ? tenants : Collections.singletonList(null);
        List<RegionalAnswer> out = new ArrayList<>();
        for (Tenant tenant : ts) {
            for (int c : candidates) {
                String text = NamePatterns.expand(pattern, tenant == null ? null : tenant.id(), sites.get(c).code());
                Name n = name(text, path + ".regional.name");
                if (n != null) {
                    out.add(new RegionalAnswer(n, c, s.regional().ttl()));
                }
            }
        }
        return out;
    }

    private Name name(String text, String path) {
        try {
            return Name.fromString(text, Name.root);
        } catch (TextParseException e) {
            error(path, "'" + text + "' is not a valid domain name: " + e.getMessage());
            return null;
        }
    }
}
