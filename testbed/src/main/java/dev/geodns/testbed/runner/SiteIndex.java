package dev.geodns.testbed.runner;

import dev.geodns.config.model.Site;
import dev.geodns.config.model.World;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps answer addresses back to the site that answers with them, from the world's site addresses
 * (the same lists the server's snapshot answers from, so it also works for a server not started by
 * the testbed, as long as it serves the same world). Immutable.
 */
final class SiteIndex {
    private final Map<InetAddress, Site> byAddress = new HashMap<>();

    SiteIndex(World world) {
        for (Site s : world.sites()) {
            s.ipv4().forEach(a -> byAddress.putIfAbsent(a, s));
            s.ipv6().forEach(a -> byAddress.putIfAbsent(a, s));
        }
    }

    /** The site of the first address that belongs to one, or null. */
    Site siteOf(List<InetAddress> addresses) {
        for (InetAddress a : addresses) {
            Site s = byAddress.get(a);
            if (s != null) {
                return s;
            }
        }
        return null;
    }
}
