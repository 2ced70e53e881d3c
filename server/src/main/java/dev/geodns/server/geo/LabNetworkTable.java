package dev.geodns.server.geo;

import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.LabNetwork;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Longest-prefix match of an address against the world's lab address plan, IPv4 and IPv6.
 * Immutable and thread-safe once built.
 *
 * <p>Design: one binary trie per address family, held in flat {@code int} arrays (two child
 * links and a value per node). A lookup walks at most 32 or 128 nodes and allocates nothing
 * beyond the address bytes that {@link InetAddress#getAddress()} copies; the {@link Location} of
 * every network is built once here, so the common answer is a shared instance. A few hundred
 * networks make a few thousand nodes: small enough to stay in cache.
 *
 * <p>The walk also yields the ECS scope (RFC 7871 section 7.2.1): the scope must cover only
 * addresses that get the same answer, so when a more specific lab network sits inside the matched
 * one, the scope is the depth at which the address's path leaves every nested network, not the
 * matched prefix.
 */
public final class LabNetworkTable implements Locator {
    private final Trie v4;
    private final Trie v6;
    private final int size;

    /**
     * @throws IllegalArgumentException when the same network appears twice
     */
    public LabNetworkTable(List<LabNetwork> networks) {
        Set<Cidr> seen = new HashSet<>();
        Location[] locations = new Location[networks.size()];
        for (int i = 0; i < networks.size(); i++) {
            LabNetwork n = networks.get(i);
            if (!seen.add(n.cidr())) {
                throw new IllegalArgumentException("lab network " + n.cidr() + " is listed twice");
            }
            locations[i] = new Location(n.place(), LocationOrigin.LAB_NETWORK, Location.precisionOf(n.place()),
                    false, n.cidr().prefixLength(), n.cidr().toString());
        }
        this.v4 = new Trie(32, locations);
        this.v6 = new Trie(128, locations);
        for (int i = 0; i < networks.size(); i++) {
            Cidr cidr = networks.get(i).cidr();
            (cidr.isIpv4() ? v4 : v6).insert(cidr.networkBytes(), cidr.prefixLength(), i);
        }
        this.size = networks.size();
    }

    /** How many networks the table holds. */
    public int size() {
        return size;
    }

    @Override
    public Location locate(InetAddress address) {
        if (address == null) {
            return Location.UNKNOWN;
        }
        byte[] bytes = address.getAddress();
        if (bytes.length != 4) {
            return v6.lookup(bytes);
        }
        // Resolvers ask again and again from the same few addresses: remember the last answer per
        // slot of a small direct-mapped cache, so a repeat costs one array read, not a trie walk.
        int a = (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff);
        int slot = (a * 0x9E3779B9) >>> (32 - RECENT_BITS);
        Recent hit = recent[slot];
        if (hit != null && hit.address == a) {
            return hit.location;
        }
        Location location = v4.lookup(bytes);
        recent[slot] = new Recent(a, location); // a racy write is fine: entries are immutable
        return location;
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

    /** A binary trie over one address family; nodes are indexes into parallel arrays, 0 is the root. */
    private static final class Trie {
        private static final int NONE = -1;
        private final int bits;
        private final Location[] locations;
        private int[] zero = new int[16];
        private int[] one = new int[16];
        private int[] value = new int[16];
        private int nodes;

        Trie(int bits, Location[] locations) {
            this.bits = bits;
            this.locations = locations;
            newNode();
        }

        private int newNode() {
            if (nodes == zero.length) {
                zero = Arrays.copyOf(zero, nodes * 2);
                one = Arrays.copyOf(one, nodes * 2);
                value = Arrays.copyOf(value, nodes * 2);
            }
            zero[nodes] = NONE;
            one[nodes] = NONE;
            value[nodes] = NONE;
            return nodes++;
        }

        void insert(byte[] address, int prefixLength, int locationIndex) {
            int node = 0;
            for (int depth = 0; depth < prefixLength; depth++) {
                int[] links = bit(address, depth) == 0 ? zero : one;
                if (links[node] == NONE) {
                    int child = newNode();
                    // newNode may have grown the arrays: re-read the right one.
                    (bit(address, depth) == 0 ? zero : one)[node] = child;
                    node = child;
                } else {
                    node = links[node];
                }
            }
            value[node] = locationIndex;
        }

        Location lookup(byte[] address) {
            int node = 0;
            int best = NONE;
            int depth = 0;
            int scope;
            while (true) {
                if (value[node] != NONE) {
                    best = value[node];
                }
                if (depth == bits) {
                    scope = depth;
                    break;
                }
                int next = bit(address, depth) == 0 ? zero[node] : one[node];
                if (next == NONE) {
                    // The (depth+1)-bit prefix holds no network, so every address in it matches `best`;
                    // a node with no children at all already ends the nested networks at `depth`.
                    scope = zero[node] == NONE && one[node] == NONE ? depth : depth + 1;
                    break;
                }
                node = next;
                depth++;
            }
            return best == NONE ? Location.UNKNOWN : locations[best].withNetworkPrefixLength(scope);
        }

        private static int bit(byte[] address, int index) {
            return (address[index >>> 3] >>> (7 - (index & 7))) & 1;
        }
    }
}
