package dev.geodns.server.frontdoor;

import dev.geodns.config.latency.LatencyModel;
import dev.geodns.config.latency.LatencySettings;
import dev.geodns.config.model.Cloud;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.Tenant;
import dev.geodns.config.model.World;
import java.net.InetAddress;
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

    private FrontDoorWorld(World world) {
        this.world = world;
        this.model = new LatencyModel(LatencySettings.defaults(world));
        this.names = ServiceNames.of(world);
        for (Site s : world.sites()) {
            s.ipv4().forEach(a -> siteByAddress.putIfAbsent(a, s));
            s.ipv6().forEach(a -> siteByAddress.putIfAbsent(a, s));
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
