package dev.geodns.server.proxy;

import dev.geodns.config.model.Cidr;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The networks whose PROXY protocol headers are believed ({@code serve --proxy-from}). Checking an
 * IPv4 sender allocates nothing. Immutable, thread-safe.
 */
public final class ProxyFrom {
    private final List<Cidr> networks;
    private final int[] v4Networks;
    private final int[] v4Masks;
    private final List<Cidr> v6Networks;

    private ProxyFrom(List<Cidr> networks) {
        this.networks = List.copyOf(networks);
        List<Cidr> v4 = networks.stream().filter(Cidr::isIpv4).toList();
        this.v4Networks = new int[v4.size()];
        this.v4Masks = new int[v4.size()];
        for (int i = 0; i < v4.size(); i++) {
            byte[] b = v4.get(i).networkBytes();
            v4Networks[i] = (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
            int prefix = v4.get(i).prefixLength();
            v4Masks[i] = prefix == 0 ? 0 : -1 << (32 - prefix);
        }
        this.v6Networks = networks.stream().filter(c -> !c.isIpv4()).toList();
    }

    /**
     * Parses {@code CIDR[,CIDR...]} (a bare address is a /32 or /128).
     *
     * @throws IllegalArgumentException naming the first entry that is not a network
     */
    public static ProxyFrom parse(String list) {
        List<Cidr> out = new ArrayList<>();
        for (String part : list.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (!p.contains("/")) {
                p = p + (p.contains(":") ? "/128" : "/32");
            }
            try {
                out.add(Cidr.parse(p));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not an address or CIDR network: "
                        + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no network given");
        }
        return new ProxyFrom(out);
    }

    /** Whether a header from {@code address} is believed. */
    public boolean trusts(InetAddress address) {
        if (address instanceof Inet4Address) {
            int a = address.hashCode(); // Inet4Address's hash is its address: no array copy
            for (int i = 0; i < v4Networks.length; i++) {
                if ((a & v4Masks[i]) == v4Networks[i]) {
                    return true;
                }
            }
            return false;
        }
        for (Cidr c : v6Networks) {
            if (c.contains(address)) {
                return true;
            }
        }
        return false;
    }

    public List<Cidr> networks() {
        return networks;
    }

    @Override
    public String toString() {
        return networks.toString();
    }
}
