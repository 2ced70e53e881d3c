package dev.geodns.testbed.scenario;

import dev.geodns.config.model.Cidr;
import java.net.InetAddress;

/**
 * A recursive resolver of the scenario: where it is, the source address it asks from, and whether
 * it is the client's local resolver or one reached through a VPN.
 *
 * @param office the corporate office the VPN lands in (VPN only, else null)
 * @param tunnel how client traffic flows with this VPN (VPN only, else null)
 * @param tunnelPool the addresses VPN clients get inside the tunnel (VPN only, else null)
 * @param cache whether the resolver caches answers for their TTL (on a virtual clock)
 */
public record ResolverSpec(
        String id,
        Kind kind,
        Where place,
        InetAddress address,
        Ecs ecs,
        boolean cache,
        Where office,
        Tunnel tunnel,
        Cidr tunnelPool) {

    /** A resolver near the client (its ISP's or its office's) or the corporate one reached over VPN. */
    public enum Kind { LOCAL, VPN }

    /** VPN tunnel mode: only DNS through the VPN (split), or all traffic through the office (full). */
    public enum Tunnel { SPLIT, FULL }

    public boolean isVpn() {
        return kind == Kind.VPN;
    }

    /** True when the client's traffic goes through the corporate office before reaching a site. */
    public boolean fullTunnel() {
        return kind == Kind.VPN && tunnel == Tunnel.FULL;
    }
}
