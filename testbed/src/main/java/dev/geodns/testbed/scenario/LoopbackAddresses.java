package dev.geodns.testbed.scenario;

import dev.geodns.config.model.Cidr;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Hands out the loopback addresses clients and resolvers ask from: each address once, and never a
 * default that the file writes somewhere else (even later in the file).
 */
final class LoopbackAddresses {
    /** Addresses written anywhere in the file: never handed out as defaults. */
    private final Set<InetAddress> reserved = new HashSet<>();
    private final Set<InetAddress> used = new HashSet<>();
    /** The next host to try, per network and first host. */
    private final Map<String, Integer> nextHost = new HashMap<>();

    /** Keeps {@code address} from being handed out as a default. */
    void reserve(InetAddress address) {
        reserved.add(address);
    }

    /** Takes an address the file gives; false when it is taken already. */
    boolean claim(InetAddress address) {
        return used.add(address);
    }

    /** The first free, unreserved address of {@code net} from host {@code firstHost} up, or null when none is left. */
    InetAddress next(Cidr net, int firstHost) {
        String counter = net + "@" + firstHost;
        int host = nextHost.getOrDefault(counter, firstHost);
        long size = 1L << (32 - net.prefixLength());
        while (host < size - 1) {
            InetAddress a = net.addressAt(host++);
            if (!reserved.contains(a) && used.add(a)) {
                nextHost.put(counter, host);
                return a;
            }
        }
        return null;
    }

    /** An address from literal bytes already parsed; never a DNS lookup. */
    static InetAddress of(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
