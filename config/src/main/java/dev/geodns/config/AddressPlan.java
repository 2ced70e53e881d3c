package dev.geodns.config;

import dev.geodns.config.model.AnswerAddresses;
import dev.geodns.config.model.Cidr;
import dev.geodns.config.yaml.Fields;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives each site its answer addresses: the explicit {@code ipv4}/{@code ipv6} lists when present,
 * else from the pools (site number {@code i} in file order takes the {@code i}-th /24 and /64,
 * addresses 1 .. per_site). Reports an explicit address that another site also answers with.
 */
final class AddressPlan {
    private final AnswerAddresses answers;
    private final Map<InetAddress, String> owners = new HashMap<>();

    AddressPlan(AnswerAddresses answers) {
        this.answers = answers;
    }

    /** The IPv4 answers of site {@code index} read from {@code f}, or null after an error. */
    List<Inet4Address> ipv4(int index, Fields f, String siteId) {
        List<Inet4Address> out = new ArrayList<>();
        if (f.node("ipv4") != null) {
            for (InetAddress a : explicit(f, "ipv4", 4, siteId)) {
                out.add((Inet4Address) a);
            }
            return out;
        }
        Cidr pool = answers.ipv4Pool();
        long room = 1L << (24 - pool.prefixLength());
        if (index >= room) {
            f.problems().at(f.line(), f.path("ipv4"), "answers.ipv4_pool " + pool + " has room for " + room
                    + " sites (a /24 each) and this is site number " + (index + 1) + ": widen the pool or give ipv4");
            return out;
        }
        for (int k = 1; k <= answers.perSite(); k++) {
            Inet4Address a = (Inet4Address) pool.addressAt(index * 256L + k);
            claim(a, siteId, f, null, 0);
            out.add(a);
        }
        return out;
    }

    /** The IPv6 answers of site {@code index}: the {@code index}-th /64 of the pool, or explicit. */
    List<Inet6Address> ipv6(int index, Fields f, String siteId) {
        List<Inet6Address> out = new ArrayList<>();
        if (f.node("ipv6") != null) {
            for (InetAddress a : explicit(f, "ipv6", 16, siteId)) {
                out.add((Inet6Address) a);
            }
            return out;
        }
        Cidr pool = answers.ipv6Pool();
        int spare = 64 - pool.prefixLength();
        if (spare < 63 && index >= (1L << spare)) {
            f.problems().at(f.line(), f.path("ipv6"), "answers.ipv6_pool " + pool + " has room for " + (1L << spare)
                    + " sites (a /64 each) and this is site number " + (index + 1) + ": widen the pool or give ipv6");
            return out;
        }
        BigInteger net = new BigInteger(1, pool.networkBytes()).add(BigInteger.valueOf(index).shiftLeft(64));
        for (int k = 1; k <= answers.perSite(); k++) {
            Inet6Address a = (Inet6Address) SettingsBinder.address(bytes16(net.add(BigInteger.valueOf(k))));
            claim(a, siteId, f, null, 0);
            out.add(a);
        }
        return out;
    }

    private List<InetAddress> explicit(Fields f, String key, int length, String siteId) {
        List<InetAddress> out = new ArrayList<>();
        List<String> texts = f.strings(key, false);
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            if (t == null) {
                continue;
            }
            byte[] raw = Cidr.parseLiteral(t);
            if (raw == null || raw.length != length) {
                f.error(key, i, "'" + t + "' is not an " + (length == 4 ? "IPv4" : "IPv6") + " address");
                continue;
            }
            InetAddress a = SettingsBinder.address(raw);
            if (claim(a, siteId, f, key, i)) {
                out.add(a);
            }
        }
        return out;
    }

    /** Records that {@code siteId} answers with {@code a}; false (after reporting) when already taken. */
    private boolean claim(InetAddress a, String siteId, Fields f, String key, int index) {
        String where = f.path() + " ('" + siteId + "')";
        String previous = owners.putIfAbsent(a, where);
        if (previous == null) {
            return true;
        }
        String reason = a.getHostAddress() + " is already an answer address of " + previous;
        if (key != null) {
            f.error(key, index, reason);
        } else {
            f.problems().at(f.line(), f.path(), reason + " (from the answers pool; move the explicit address)");
        }
        return false;
    }

    private static byte[] bytes16(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[16];
        int n = Math.min(16, raw.length);
        System.arraycopy(raw, raw.length - n, out, 16 - n, n);
        return out;
    }
}
