package dev.geodns.server.routing;

import dev.geodns.config.model.Cloud;
import dev.geodns.config.model.LabNetwork;
import dev.geodns.config.model.Place;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.Tenant;
import dev.geodns.config.model.World;
import dev.geodns.server.geo.AskerAddress;
import dev.geodns.server.geo.ClientSubnet;
import dev.geodns.server.geo.Location;
import dev.geodns.server.geo.Locator;
import dev.geodns.server.policy.active.ActivePolicy;
import dev.geodns.server.policy.fixed.FixedPolicy;
import dev.geodns.server.policy.nearest.NearestPolicy;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Routes one query of a service to a site: chooses the address to locate ({@link AskerAddress}),
 * locates it, and lets the service's policy pick among its candidates. Built once per world and
 * immutable (drains live in the shared {@link DrainState}); thread-safe.
 *
 * <p>At construction every service gets its candidate set, fenced to the service's cloud (clouds are
 * isolation domains: a name of one cloud is never answered with a site of another) and site kind,
 * and its policy: {@code nearest} services of the same cloud and kind share one {@link
 * NearestPolicy}, with the lab networks' places ranked in advance; {@code active} services get each
 * tenant's [home, failover...] list. A world that breaks the fence (a tenant homed in another
 * cloud, a fixed site of another cloud) is refused here, at load time, not at query time.
 */
public final class Router {
    private final SiteTable sites;
    private final Locator locator;
    private final DrainState drain;
    private final Map<String, Plan> plans;
    private final Plan[] planArray;

    /** What the router knows of one service. */
    private record Plan(
            Service service, RoutingPolicy policy, String policyName, int[] candidates,
            Place defaultPlace, String defaultSite) {
    }

    /**
     * @throws IllegalArgumentException when {@code drain} numbers another table, or the world breaks
     *     a cloud fence or names a site that does not exist
     */
    public Router(World world, SiteTable sites, Locator locator, DrainState drain) {
        if (drain.table() != sites) {
            throw new IllegalArgumentException("the drain state belongs to another site table");
        }
        this.sites = sites;
        this.locator = Objects.requireNonNull(locator);
        this.drain = drain;

        Set<Place> knownPlaces = new LinkedHashSet<>();
        for (LabNetwork n : world.networks()) {
            knownPlaces.add(n.place());
        }
        Map<String, Integer> defaults = new HashMap<>();
        for (Cloud cloud : world.clouds()) {
            int d = sites.indexOf(cloud.defaultSite());
            if (d >= 0) {
                defaults.put(cloud.id(), d);
                knownPlaces.add(sites.site(d).place());
            }
        }
        int cacheSize = world.geoip() == null ? 4096 : world.geoip().cacheSize();

        Map<String, NearestPolicy> nearestByFence = new HashMap<>();
        Map<String, Plan> built = new LinkedHashMap<>();
        for (Service service : world.services()) {
            int[] fencedSites = fenced(service);
            int[] candidates = fencedSites;
            RoutingPolicy policy;
            switch (service.routing()) {
                case NEAREST -> {
                    if (fencedSites.length == 0) {
                        throw new IllegalArgumentException("service '" + service.id() + "': cloud '"
                                + service.cloud() + "' has no " + service.siteKind().yamlName() + " site");
                    }
                    policy = nearestByFence.computeIfAbsent(service.cloud() + "/" + service.siteKind(),
                            k -> new NearestPolicy(sites, fencedSites, knownPlaces, cacheSize));
                }
                case ACTIVE -> policy = new ActivePolicy(tenantPreferences(world, service, fencedSites));
                case FIXED -> {
                    int fixed = siteOfCloud(service.fixedSite(), service.cloud(),
                            "service '" + service.id() + "' fixed site");
                    candidates = new int[] {fixed};
                    policy = new FixedPolicy(fixed);
                }
                default -> throw new IllegalArgumentException("routing " + service.routing());
            }
            Integer d = defaults.get(service.cloud());
            built.put(service.id(), new Plan(service, policy, service.routing().yamlName(), candidates,
                    d == null ? null : sites.site(d).place(), d == null ? null : sites.site(d).id()));
        }
        this.plans = Map.copyOf(built);
        this.planArray = built.values().toArray(new Plan[0]);
    }

    /** Sites of the service's cloud and site kind, in table order. */
    private int[] fenced(Service service) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            Site s = sites.site(i);
            if (s.cloud().equals(service.cloud()) && s.kind() == service.siteKind()) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private Map<String, int[]> tenantPreferences(World world, Service service, int[] candidates) {
        Set<Integer> allowed = new LinkedHashSet<>();
        for (int c : candidates) {
            allowed.add(c);
        }
        Map<String, int[]> out = new LinkedHashMap<>();
        for (Tenant t : world.tenants()) {
            if (!t.cloud().equals(service.cloud())) {
                continue;
            }
            List<String> ids = new ArrayList<>();
            ids.add(t.home());
            ids.addAll(t.failover());
            int[] preference = new int[ids.size()];
            for (int i = 0; i < ids.size(); i++) {
                String what = "tenant '" + t.id() + "' " + (i == 0 ? "home" : "failover");
                preference[i] = siteOfCloud(ids.get(i), service.cloud(), what);
                if (!allowed.contains(preference[i])) {
                    throw new IllegalArgumentException(what + " '" + ids.get(i) + "' is not a "
                            + service.siteKind().yamlName() + " site, as service '" + service.id() + "' needs");
                }
            }
            out.put(t.id(), preference);
        }
        return out;
    }

    private int siteOfCloud(String id, String cloud, String what) {
        int i = sites.indexOf(id);
        if (i < 0) {
            throw new IllegalArgumentException(what + " '" + id + "' is not a site");
        }
        if (!sites.site(i).cloud().equals(cloud)) {
            throw new IllegalArgumentException(what + " '" + id + "' is in cloud '" + sites.site(i).cloud()
                    + "', not '" + cloud + "': clouds are fences");
        }
        return i;
    }

    /**
     * Routes one query.
     *
     * @param service the matched service (of this router's world)
     * @param tenant the tenant the name carries, or null for names that are not per tenant
     * @param source the packet's source address
     * @param ecs the query's EDNS Client Subnet option, or null
     * @throws IllegalArgumentException for a service of another world, or a tenant the service does
     *     not serve (check {@link #serves} first: such names are NXDOMAIN)
     */
    public RoutingDecision route(Service service, Tenant tenant, InetAddress source, ClientSubnet ecs) {
        Plan plan = plan(service);
        AskerAddress asker = AskerAddress.choose(source, ecs, service.honoursEcs());
        Location location = locator.locate(asker.address());
        Place from = location.known() ? location.place() : plan.defaultPlace();
        SiteChoice choice = plan.policy().choose(from, tenant, drain);
        boolean defaultUsed = !location.known() && choice.dependsOnLocation();
        int scope = asker.scopeFor(location, choice.dependsOnLocation());
        return new RoutingDecision(service, tenant, plan.policyName(), asker, location, from,
                defaultUsed, plan.defaultSite(), sites, choice, scope);
    }

    /**
     * Whether the service answers for this tenant: a per-tenant name needs a tenant of the service's
     * cloud (and, for {@code active}, one with datacenters); other names need none.
     */
    public boolean serves(Service service, Tenant tenant) {
        Plan plan = plan(service);
        if (plan.policy() instanceof ActivePolicy active) {
            return active.serves(tenant);
        }
        if (service.perTenant()) {
            return tenant != null && tenant.cloud().equals(service.cloud());
        }
        return true;
    }

    /**
     * The sites the service can answer with: for {@code nearest} and {@code active} the sites of its
     * cloud and kind, for {@code fixed} its one site. Each of these needs its regional name.
     */
    public List<Site> candidates(Service service) {
        List<Site> out = new ArrayList<>();
        for (int i : plan(service).candidates()) {
            out.add(sites.site(i));
        }
        return out;
    }

    public SiteTable sites() {
        return sites;
    }

    public DrainState drain() {
        return drain;
    }

    public Locator locator() {
        return locator;
    }

    private Plan plan(Service service) {
        // Services are few and the engine passes this world's own objects: a reference scan beats
        // hashing the id string.
        for (Plan p : planArray) {
            if (p.service() == service) {
                return p;
            }
        }
        Plan plan = plans.get(service.id());
        if (plan == null) {
            throw new IllegalArgumentException("service '" + service.id() + "' is not in this router's world");
        }
        return plan;
    }
}
