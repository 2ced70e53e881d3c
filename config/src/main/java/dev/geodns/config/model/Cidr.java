package dev.geodns.config.model;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An IPv4 or IPv6 network in CIDR form, with no host bits set. Immutable. */
public final class Cidr {
    private final byte[] network;
    private final int prefixLength;

    private Cidr(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * Parses {@code address/prefix}. Only literal addresses are accepted (never a DNS lookup).
     *
     * @throws IllegalArgumentException with a reason fit for a config error message
     */
    public static Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing CIDR");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR (expected address/prefix)");
        }
        byte[] bytes = parseLiteral(text.substring(0, slash));
        if (bytes == null) {
            throw new IllegalArgumentException("'" + text + "' has no valid IP address");
        }
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
        }
        int max = bytes.length * 8;
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("'" + text + "' prefix length must be 0.." + max);
        }
        byte[] masked = mask(bytes, prefix);
        if (!Arrays.equals(masked, bytes)) {
            throw new IllegalArgumentException("'" + text + "' has host bits set (network is "
                    + format(masked) + "/" + prefix + ")");
        }
        return new Cidr(masked, prefix);
    }

    /** The network of {@code address} with the given prefix length (host bits cleared). */
    public static Cidr of(InetAddress address, int prefixLength) {
        byte[] bytes = address.getAddress();
        if (prefixLength < 0 || prefixLength > bytes.length * 8) {
            throw new IllegalArgumentException("prefix length " + prefixLength);
        }
        return new Cidr(mask(bytes, prefixLength), prefixLength);
    }

    /** Parses an IPv4 or IPv6 literal without ever resolving a name; null when not a literal. */
    public static byte[] parseLiteral(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        boolean v6 = text.indexOf(':') >= 0;
        if (!v6) {
            String[] parts = text.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] out = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                    return null;
                }
                int v = Integer.parseInt(parts[i]);
                if (v > 255) {
                    return null;
                }
                out[i] = (byte) v;
            }
            return out;
        }
        if (!text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return null;
        }
        try {
            // Safe: a string made only of hex digits, ':' and '.' is never looked up in DNS.
            byte[] b = InetAddress.getByName(text).getAddress();
            return b.length == 16 ? b : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int bitsHere = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xff << (8 - bitsHere));
        }
        return out;
    }

    private static String format(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isIpv4() {
        return network.length == 4;
    }

    public int prefixLength() {
        return prefixLength;
    }

    /** A copy of the network bytes (4 or 16). */
    public byte[] networkBytes() {
        return network.clone();
    }

    public InetAddress networkAddress() {
        try {
            return InetAddress.getByAddress(network);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when {@code address} (4 or 16 raw bytes) lies inside this network. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int m = 0xff << (8 - rest) & 0xff;
        return (address[full] & m) == (network[full] & m);
    }

    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    /** True when every address of {@code other} is also in this network. */
    public boolean covers(Cidr other) {
        return other.network.length == network.length && other.prefixLength >= prefixLength
                && contains(other.network);
    }

    /** The {@code index}-th address of this network (0 = the network address itself). */
    public InetAddress addressAt(long index) {
        byte[] out = network.clone();
        long carry = index;
        for (int i = out.length - 1; i >= 0 && carry != 0; i--) {
            long sum = (out[i] & 0xff) + (carry & 0xff);
            out[i] = (byte) sum;
            carry = (carry >>> 8) + (sum >>> 8);
        }
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefixLength == prefixLength && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefixLength;
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefixLength;
    }
}
