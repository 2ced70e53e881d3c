package dev.geodns.server.routing;

import dev.geodns.config.model.Place;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.Tenant;
import dev.geodns.server.geo.AskerAddress;
import dev.geodns.server.geo.ClientSubnet;
import dev.geodns.server.geo.Location;
import dev.geodns.server.geo.LocationOrigin;
import dev.geodns.server.policy.DrainView;
import dev.geodns.server.policy.SiteChoice;
import dev.geodns.server.policy.anycast.AnycastPolicy;
import java.net.InetAddress;

/**
 * One query's routing as {@link Router#routeInto} leaves it, in an object the caller keeps (one per
 * thread) and {@code routeInto} overwrites: the site and ECS scope the answer needs and the facts the
 * metrics count, with no object made per query. {@link #decision()} makes the immutable
 * {@link RoutingDecision}, with the whole trace, for whoever reads one (explain, the decision log).
 * Not thread-safe; valid until the next {@code routeInto} on it.
 */
public final class Route {
    private Service service;
    private Tenant tenant;
    private String policy;
    private AskerAddress.Reason reason;
    private InetAddress located;
    private ClientSubnet ecs;
    private Location location;
    private Place from;
    private boolean defaultUsed;
    private String defaultSite;
    private SiteTable sites;
    private SiteChoice choice;
    private int ecsScope;
    private AnycastPolicy anycast;
    private DrainView drain;

    void set(Service service, Tenant tenant, String policy, AskerAddress.Reason reason, InetAddress located,
            ClientSubnet ecs, Location location, Place from, boolean defaultUsed, String defaultSite, SiteTable sites,
            SiteChoice choice, int ecsScope, AnycastPolicy anycast, DrainView drain) {
        this.service = service;
        this.tenant = tenant;
        this.policy = policy;
        this.reason = reason;
        this.located = located;
        this.ecs = ecs;
        this.location = location;
        this.from = from;
        this.defaultUsed = defaultUsed;
        this.defaultSite = defaultSite;
        this.sites = sites;
        this.choice = choice;
        this.ecsScope = ecsScope;
        this.anycast = anycast;
        this.drain = drain;
    }

    /** Forgets the query's objects, so that a kept {@code Route} does not hold a replaced world alive. */
    public void clear() {
        set(null, null, null, null, null, null, null, null, false, null, null, null, 0, null, null);
    }

    /** The answering site's index in the {@link SiteTable}. */
    public int siteIndex() {
        return choice.site();
    }

    /** The site that answers. */
    public Site site() {
        return sites.site(choice.site());
    }

    /** SCOPE PREFIX-LENGTH for the reply's ECS option; 0 when location did not matter. */
    public int ecsScope() {
        return ecsScope;
    }

    public Service service() {
        return service;
    }

    /** The policy's name as in world files. */
    public String policy() {
        return policy;
    }

    /** True when the ECS address was located rather than the packet's source. */
    public boolean fromEcs() {
        return reason.usesEcs();
    }

    /** Which source located the asker. */
    public LocationOrigin locatedBy() {
        return location.origin();
    }

    /** This routing as an immutable decision with its trace (two objects made per call). */
    public RoutingDecision decision() {
        return new RoutingDecision(service, tenant, policy, new AskerAddress(located, reason, ecs), location, from,
                defaultUsed, defaultSite, sites, choice, ecsScope, anycast, drain);
    }
}
