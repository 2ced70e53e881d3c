package dev.geodns.server.geo;

import dev.geodns.config.compiled.LabPlan;
import dev.geodns.config.model.LabNetwork;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

/**
 * Locates an address in the world's lab address plan, IPv4 and IPv6: the compiled world's
 * longest-prefix match ({@link LabPlan}, which also yields the ECS scope), with the {@link Location}
 * of every network built once here, so the common answer is a shared instance. Immutable and
 * thread-safe once built; a repeated IPv4 lookup allocates nothing (others copy the address bytes,
 * and make a location with a narrower scope when a more specific network sits inside the matched
 * one).
 */
public final class LabNetworkTable implements Locator {
    private final LabPlan plan;
    private final Location[] locations;

    /** The table of a compiled world's lab plan. */
    public LabNetworkTable(LabPlan plan) {
        this.plan = plan;
        List<LabNetwork> networks = plan.networks();
        this.locations = new Location[networks.size()];
        for (int i = 0; i < networks.size(); i++) {
            LabNetwork n = networks.get(i);
            locations[i] = new Location(n.place(), LocationOrigin.LAB_NETWORK, Location.precisionOf(n.place()),
                    false, n.cidr().prefixLength(), n.cidr().toString());
        }
    }

    /** @throws IllegalArgumentException when the same network appears twice */
    public LabNetworkTable(List<LabNetwork> networks) {
        this(new LabPlan(networks));
    }

    /** How many networks the table holds. */
    public int size() {
        return plan.size();
    }

    @Override
    public Location locate(InetAddress address) {
        if (address == null) {
            return Location.UNKNOWN;
        }
        if (!(address instanceof Inet4Address)) {
            return location(plan.match(address.getAddress()));
        }
        // Resolvers ask again and again from the same few addresses: remember the last answer per
        // slot of a small direct-mapped cache, so a repeat costs one array read, not a trie walk.
        // An Inet4Address's hash code is its address (what its equals compares; a test holds the
        // JDK to it), so a repeat copies no bytes either: a query located here allocates nothing.
        int a = address.hashCode();
        int slot = (a * 0x9E3779B9) >>> (32 - RECENT_BITS);
        Recent hit = recent[slot];
        if (hit != null && hit.address == a) {
            return hit.location;
        }
        Location location = location(plan.match(address.getAddress()));
        recent[slot] = new Recent(a, location); // a racy write is fine: entries are immutable
        return location;
    }

    private Location location(int match) {
        return match == LabPlan.NO_MATCH
                ? Location.UNKNOWN
                : locations[LabPlan.network(match)].withNetworkPrefixLength(LabPlan.scope(match));
    }

    private static final int RECENT_BITS = 10;
    private final Recent[] recent = new Recent[1 << RECENT_BITS];

    /** One remembered IPv4 lookup (final fields: safe to publish through a plain array write). */
    private static final class Recent {
        final int address;
        final Location location;

        Recent(int address, Location location) {
            this.address = address;
            this.location = location;
        }
    }
}
