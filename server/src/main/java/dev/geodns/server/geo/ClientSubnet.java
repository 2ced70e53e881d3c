package dev.geodns.server.geo;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An EDNS Client Subnet option as received (RFC 7871 section 6).
 *
 * @param family 1 = IPv4, 2 = IPv6
 * @param sourcePrefix SOURCE PREFIX-LENGTH from the query
 * @param scopePrefix SCOPE PREFIX-LENGTH from the query (must be 0 in queries)
 * @param address the address, padded to 4 or 16 bytes, bits beyond the source prefix cleared
 */
public record ClientSubnet(int family, int sourcePrefix, int scopePrefix, byte[] address) {
    public static final int FAMILY_IPV4 = 1;
    public static final int FAMILY_IPV6 = 2;

    public InetAddress inetAddress() {
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return inetAddress().getHostAddress() + "/" + sourcePrefix + "/" + scopePrefix;
    }
}
