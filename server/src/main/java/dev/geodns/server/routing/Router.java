package dev.geodns.server.routing;

import dev.geodns.config.compiled.CompiledService;
import dev.geodns.config.compiled.CompiledWorld;
import dev.geodns.config.model.Place;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.Tenant;
import dev.geodns.server.geo.AskerAddress;
import dev.geodns.server.geo.ClientSubnet;
import dev.geodns.server.geo.Location;
import dev.geodns.server.geo.Locator;
import dev.geodns.server.policy.RoutingPolicy;
import dev.geodns.server.policy.SiteChoice;
import dev.geodns.server.policy.active.ActivePolicy;
import dev.geodns.server.policy.anycast.AnycastPolicy;
import dev.geodns.server.policy.fixed.FixedPolicy;
import dev.geodns.server.policy.nearest.NearestPolicy;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Routes one query of a service to a site: chooses the address to locate ({@link AskerAddress}),
 * locates it, and lets the service's policy pick among its candidates. Built once per world and
 * immutable (drains live in the shared {@link DrainState}); thread-safe.
 *
 * <p>What a service may answer with (its candidates behind the cloud fence, each tenant's
 * preference list, the cloud's default site) is the compiled world's; the router only builds each
 * service's policy from it: {@code nearest} services of the same cloud and kind share one {@link
 * NearestPolicy}, with the compiled world's routing places ranked in advance.
 */
public final class Router {
    private final SiteTable sites;
    private final Locator locator;
    private final DrainState drain;
    private final Map<String, Plan> plans;
    private final Plan[] planArray;

    /** What the router knows of one service. */
    private record Plan(Service service, RoutingPolicy policy, String policyName, Place defaultPlace,
            String defaultSite) {
    }

    /**
     * @throws IllegalArgumentException when {@code sites} does not number the compiled world's sites
     *     or {@code drain} numbers another table
     */
    public Router(CompiledWorld world, SiteTable sites, Locator locator, DrainState drain) {
        if (drain.table() != sites) {
            throw new IllegalArgumentException("the drain state belongs to another site table");
        }
        if (!sites.sites().equals(world.sites())) {
            throw new IllegalArgumentException("the site table numbers the sites of another world");
        }
        this.sites = sites;
        this.locator = Objects.requireNonNull(locator);
        this.drain = drain;
        int cacheSize = world.world().geoip() == null ? 4096 : world.world().geoip().cacheSize();

        Map<String, NearestPolicy> nearestByFence = new HashMap<>();
        Map<String, Plan> built = new LinkedHashMap<>();
        for (CompiledService cs : world.services()) {
            Service service = cs.service();
            RoutingPolicy policy = switch (service.routing()) {
                case NEAREST -> nearestByFence.computeIfAbsent(service.cloud() + "/" + service.siteKind(),
                        k -> new NearestPolicy(world.sites(), cs.candidates(), world.routingPlaces(), cacheSize));
                case ACTIVE -> new ActivePolicy(cs.preferences());
                case FIXED -> new FixedPolicy(cs.candidates()[0]);
                case ANYCAST -> new AnycastPolicy(cs.candidates()[0], world.sites(), world.frontDoors(service.cloud()));
            };
            int d = cs.defaultSite();
            built.put(service.id(), new Plan(service, policy, service.routing().yamlName(),
                    d < 0 ? null : world.site(d).place(), d < 0 ? null : world.site(d).id()));
        }
        this.plans = Map.copyOf(built);
        this.planArray = built.values().toArray(new Plan[0]);
    }

    /**
     * Routes one query.
     *
     * @param service the matched service (of this router's world)
     * @param tenant the tenant the name carries, or null for names that are not per tenant
     * @param source the packet's source address
     * @param ecs the query's EDNS Client Subnet option, or null
     * @throws IllegalArgumentException for a service of another world, or a tenant the service does
     *     not serve (the compiled world has no names for such a tenant, so queries never get here)
     */
    public RoutingDecision route(Service service, Tenant tenant, InetAddress source, ClientSubnet ecs) {
        return route(service, tenant, source, ecs, service.honoursEcs());
    }

    /**
     * Routes one query, honouring ECS or not whatever the service says (whoami shows what the ECS
     * address would locate).
     */
    public RoutingDecision route(Service service, Tenant tenant, InetAddress source, ClientSubnet ecs,
            boolean honourEcs) {
        return routeInto(service, tenant, source, ecs, honourEcs, new Route()).decision();
    }

    /**
     * Routes one query into {@code into} and returns it: the query path's way, which makes no
     * object (the policies keep their choices, lab networks their locations). Arguments as for
     * {@link #route(Service, Tenant, InetAddress, ClientSubnet, boolean)}.
     */
    public Route routeInto(Service service, Tenant tenant, InetAddress source, ClientSubnet ecs, boolean honourEcs,
            Route into) {
        Plan plan = plan(service);
        AskerAddress.Reason reason = AskerAddress.reasonFor(ecs, honourEcs);
        InetAddress located = AskerAddress.addressFor(reason, source, ecs);
        Location location = locator.locate(located);
        Place from = location.known() ? location.place() : plan.defaultPlace();
        SiteChoice choice = plan.policy().choose(from, tenant, drain);
        boolean defaultUsed = !location.known() && choice.dependsOnLocation();
        int scope = AskerAddress.scopeFor(reason, ecs, location, choice.dependsOnLocation());
        into.set(service, tenant, plan.policyName(), reason, located, ecs, location, from, defaultUsed,
                plan.defaultSite(), sites, choice, scope, plan.policy() instanceof AnycastPolicy a ? a : null, drain);
        return into;
    }

    public SiteTable sites() {
        return sites;
    }

    public DrainState drain() {
        return drain;
    }

    /** The anycast policy of {@code service}, or null when it is not routed {@code anycast}. */
    public AnycastPolicy anycast(Service service) {
        return plan(service).policy() instanceof AnycastPolicy a ? a : null;
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
