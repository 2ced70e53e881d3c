package dev.geodns.server.frontdoor;

import dev.geodns.config.latency.LatencyModel;
import dev.geodns.config.latency.LatencySettings;
import dev.geodns.config.model.Cloud;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.Tenant;
import dev.geodns.config.model.World;
import dev.geodns.config.model.Place;
import dev.geodns.config.model.SiteKind;
import dev.geodns.server.geo.Location;
import dev.geodns.server.geo.Locator;
import dev.geodns.server.policy.anycast.AnycastPolicy;
import java.net.InetAddress;
import java.util.List;
import java.util.stream.IntStream;
import java.util.HashMap;
import java.util.Map;

/**
 * What the front doors derive from one world, built once per world: its latency model (the world's
 * one model, with its default constants), the host-name matcher and the site of every answer address.
 * Immutable.
 */
final class FrontDoorWorld {
    private final World world;
    private final LatencyModel model;
    private final ServiceNames names;
    private final Map<InetAddress, Site> siteByAddress = new HashMap<>();
    /** Per anycast site id, the rule for which edge its addresses lead to. */
    private final Map<String, AnycastPolicy> anycast = new HashMap<>();

    private FrontDoorWorld(World world) {
        this.world = world;
        this.model = new LatencyModel(LatencySettings.defaults(world));
        this.names = ServiceNames.of(world);
        for (Site s : world.sites()) {
            s.ipv4().forEach(a -> siteByAddress.putIfAbsent(a, s));
            s.ipv6().forEach(a -> siteByAddress.putIfAbsent(a, s));
        }
        List<Site> sites = world.sites();
        for (int i = 0; i < sites.size(); i++) {
            Site s = sites.get(i);
            int[] edges = IntStream.range(0, sites.size()).filter(e -> sites.get(e).kind() == SiteKind.FRONT_DOOR
                    && sites.get(e).cloud().equals(s.cloud())).toArray();
            if (s.kind() == SiteKind.ANYCAST && edges.length > 0) {
                anycast.put(s.id(), new AnycastPolicy(i, sites, edges));
            }
        }
    }

    static FrontDoorWorld of(World world) {
        return new FrontDoorWorld(world);
    }

    World world() {
        return world;
    }

    LatencyModel model() {
        return model;
    }

    ServiceNames names() {
        return names;
    }

    /** The site answering from {@code address}, or null. */
    Site siteAt(InetAddress address) {
        return siteByAddress.get(address);
    }

    /**
     * The site that serves a request to {@code address} from {@code client}: the address's site, or
     * for an anycast address the edge nearest to where the client's packets enter (the client's located
     * place, the cloud's stand-in when it cannot be located; a full-tunnel client arrives from its
     * office), as the DNS side's explain names it. Null when no site answers from {@code address}.
     */
    Site siteAt(InetAddress address, InetAddress client, Locator locator) {
        Site site = siteAt(address);
        AnycastPolicy policy = site == null ? null : anycast.get(site.id());
        if (policy == null) {
            return site;
        }
        Location l = locator.locate(client);
        Site standIn = standIn(site.cloud());
        Place entry = l.known() ? l.place() : standIn == null ? null : standIn.place();
        return world.sites().get(policy.edgeFor(entry, i -> false));
    }

    /**
     * The tenant of a request that names none: {@code preferred} when it is a tenant of {@code cloud},
     * else the first tenant of that cloud in file order, else null.
     */
    Tenant defaultTenant(String cloud, String preferred) {
        if (preferred != null) {
            Tenant t = world.tenant(preferred).orElse(null);
            if (t != null && t.cloud().equals(cloud)) {
                return t;
            }
        }
        return world.tenants().stream().filter(t -> t.cloud().equals(cloud)).findFirst().orElse(null);
    }

    /** The site whose place stands in for a client no source can locate (as DNS does), or null. */
    Site standIn(String cloud) {
        Cloud c = world.cloud(cloud).orElse(null);
        return c == null ? null : world.site(c.defaultSite()).orElse(null);
    }
}
