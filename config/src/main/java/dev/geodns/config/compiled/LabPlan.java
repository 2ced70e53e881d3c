package dev.geodns.config.compiled;

import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.LabNetwork;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Longest-prefix match of an address against the world's lab address plan, IPv4 and IPv6: the one
 * implementation, used by the server's locator on every query and by the testbed to check where
 * its clients will be placed. Immutable and thread-safe once built.
 *
 * <p>Design: one binary trie per address family, held in flat {@code int} arrays (two child links
 * and a value per node). A lookup walks at most 32 or 128 nodes and allocates nothing; its result
 * is packed into one {@code int} (network index and scope). A few hundred networks make a few
 * thousand nodes: small enough to stay in cache.
 *
 * <p>The walk also yields the ECS scope (RFC 7871 section 7.2.1): the scope must cover only
 * addresses that get the same answer, so when a more specific lab network sits inside the matched
 * one, the scope is the depth at which the address's path leaves every nested network, not the
 * matched prefix.
 */
public final class LabPlan {
    /** What {@link #match} returns for an address in no lab network. */
    public static final int NO_MATCH = -1;

    private final List<LabNetwork> networks;
    private final Trie v4 = new Trie(32);
    private final Trie v6 = new Trie(128);

    /** @throws IllegalArgumentException when the same network appears twice */
    public LabPlan(List<LabNetwork> networks) {
        this.networks = List.copyOf(networks);
        Set<Cidr> seen = new HashSet<>();
        for (int i = 0; i < this.networks.size(); i++) {
            Cidr cidr = this.networks.get(i).cidr();
            if (!seen.add(cidr)) {
                throw new IllegalArgumentException("lab network " + cidr + " is listed twice");
            }
            (cidr.isIpv4() ? v4 : v6).insert(cidr.networkBytes(), cidr.prefixLength(), i);
        }
    }

    /** The networks, in plan order; {@link #network(int)} indexes into this list. */
    public List<LabNetwork> networks() {
        return networks;
    }

    public int size() {
        return networks.size();
    }

    /**
     * The most specific network holding {@code address} (4 or 16 raw bytes) and the ECS scope of the
     * answer, packed: read them with {@link #network(int)} and {@link #scope(int)}; {@link #NO_MATCH}
     * when no network holds it. Allocation-free.
     */
    public int match(byte[] address) {
        return (address.length == 4 ? v4 : v6).lookup(address);
    }

    /** The index (into {@link #networks()}) of a {@link #match} result other than {@link #NO_MATCH}. */
    public static int network(int match) {
        return match >>> 8;
    }

    /** The prefix length every address of which gets the same network, of a {@link #match} result. */
    public static int scope(int match) {
        return match & 0xff;
    }

    /** The most specific lab network holding {@code address}, or null. */
    public LabNetwork networkOf(InetAddress address) {
        int m = address == null ? NO_MATCH : match(address.getAddress());
        return m == NO_MATCH ? null : networks.get(network(m));
    }

    /** A binary trie over one address family; nodes are indexes into parallel arrays, 0 is the root. */
    private static final class Trie {
        private static final int NONE = -1;
        private final int bits;
        private int[] zero = new int[16];
        private int[] one = new int[16];
        private int[] value = new int[16];
        private int nodes;

        Trie(int bits) {
            this.bits = bits;
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

        void insert(byte[] address, int prefixLength, int networkIndex) {
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
            value[node] = networkIndex;
        }

        int lookup(byte[] address) {
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
            return best == NONE ? NO_MATCH : best << 8 | scope;
        }

        private static int bit(byte[] address, int index) {
            return (address[index >>> 3] >>> (7 - (index & 7))) & 1;
        }
    }
}
