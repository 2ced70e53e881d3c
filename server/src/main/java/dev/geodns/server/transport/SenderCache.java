package dev.geodns.server.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The IPv4 senders a UDP loop has seen recently, as the {@link InetSocketAddress} the engine takes:
 * a steady client (a resolver, a load generator) costs no allocation per query. Four ways per set,
 * replaced in turn: with one slot per hash, two busy senders whose hashes met would evict each other
 * and cost an address per query for as long as both are busy. Used by one thread only.
 */
final class SenderCache {
    private static final int WAYS = 4;
    private static final int SET_BITS = 4;
    private static final int SETS = 1 << SET_BITS;
    /** Marks a used slot, so that 0.0.0.0 port 0 is not mistaken for an empty one. */
    private static final long USED = 1L << 48;

    private final long[] keys = new long[SETS * WAYS];
    private final InetSocketAddress[] senders = new InetSocketAddress[SETS * WAYS];
    /** Per set, the way the next miss replaces. */
    private final byte[] nextVictim = new byte[SETS];
    private final byte[] address = new byte[4];

    /** The sender {@code ip} (big-endian as an int) and {@code port}: the cached one when seen lately. */
    InetSocketAddress get(int ip, int port) {
        long key = USED | (ip & 0xffffffffL) << 16 | (port & 0xffff);
        int set = setOf(ip, port);
        int base = set * WAYS;
        for (int way = 0; way < WAYS; way++) {
            if (keys[base + way] == key) {
                return senders[base + way];
            }
        }
        int victim = base + nextVictim[set];
        nextVictim[set] = (byte) ((nextVictim[set] + 1) % WAYS);
        InetSocketAddress fresh = new InetSocketAddress(addressOf(ip), port & 0xffff);
        keys[victim] = key;
        senders[victim] = fresh;
        return fresh;
    }

    /** Fibonacci hashing: the top bits of the product spread neighbouring addresses and ports. */
    static int setOf(int ip, int port) {
        return ((ip * 31 + port) * 0x9E3779B1) >>> (32 - SET_BITS);
    }

    private InetAddress addressOf(int ip) {
        address[0] = (byte) (ip >>> 24);
        address[1] = (byte) (ip >>> 16);
        address[2] = (byte) (ip >>> 8);
        address[3] = (byte) ip;
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // never for four bytes
        }
    }
}
