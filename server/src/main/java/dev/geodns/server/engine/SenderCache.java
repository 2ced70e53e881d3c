package dev.geodns.server.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The senders a thread has seen recently, by raw address and port, as the {@link InetSocketAddress}
 * the engine takes: a steady client (a resolver, a load generator, a proxy's carried source) costs
 * no allocation per query. Four ways per set, replaced in turn: with one slot per hash, two busy
 * senders whose hashes met would evict each other and cost an address per query for as long as
 * both are busy. Not thread-safe: one per thread.
 */
public final class SenderCache {
    private static final int WAYS = 4;
    private static final int SET_BITS = 6;
    private static final int SETS = 1 << SET_BITS;
    private static final byte IPV4 = 4;
    private static final byte IPV6 = 6;

    /** {@link #IPV4}, {@link #IPV6}, or 0 for a slot never used. */
    private final byte[] family = new byte[SETS * WAYS];
    private final long[] high = new long[SETS * WAYS];
    private final long[] low = new long[SETS * WAYS];
    private final int[] ports = new int[SETS * WAYS];
    private final InetSocketAddress[] senders = new InetSocketAddress[SETS * WAYS];
    /** Per set, the way the next miss replaces. */
    private final byte[] nextVictim = new byte[SETS];

    /** The IPv4 sender {@code address} (big-endian as an int) and {@code port}. */
    public InetSocketAddress v4(int address, int port) {
        long a = address & 0xFFFF_FFFFL;
        int base = setOf(0, a, port) * WAYS;
        for (int i = base; i < base + WAYS; i++) {
            if (family[i] == IPV4 && low[i] == a && ports[i] == port) {
                return senders[i];
            }
        }
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        return remember(base, IPV4, 0, a, port, bytes);
    }

    /** The IPv6 sender whose address is {@code hi} then {@code lo} (big-endian), and {@code port}. */
    public InetSocketAddress v6(long hi, long lo, int port) {
        int base = setOf(hi, lo, port) * WAYS;
        for (int i = base; i < base + WAYS; i++) {
            if (family[i] == IPV6 && high[i] == hi && low[i] == lo && ports[i] == port) {
                return senders[i];
            }
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (hi >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return remember(base, IPV6, hi, lo, port, bytes);
    }

    /** The set of a sender. Fibonacci hashing: the top bits of the product spread near neighbours. */
    static int setOf(long hi, long lo, int port) {
        return (int) (((hi * 31 + lo) * 31 + port) * 0x9E3779B97F4A7C15L >>> (64 - SET_BITS));
    }

    private InetSocketAddress remember(int base, byte kind, long hi, long lo, int port, byte[] bytes) {
        int set = base / WAYS;
        int victim = base + nextVictim[set];
        nextVictim[set] = (byte) ((nextVictim[set] + 1) % WAYS);
        InetSocketAddress fresh;
        try {
            fresh = new InetSocketAddress(InetAddress.getByAddress(bytes), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
        }
        family[victim] = kind;
        high[victim] = hi;
        low[victim] = lo;
        ports[victim] = port;
        senders[victim] = fresh;
        return fresh;
    }
}
