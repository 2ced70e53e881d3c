package dev.geodns.testbed.scenario;

import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.EndpointCategory;
import dev.geodns.testbed.resolvers.ResolverKind;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Set;

/**
 * A recursive resolver of the scenario: where it is, the source address it asks from, whether it is
 * the client's local resolver or one reached through a VPN, and which software plays it: the
 * testbed's own emulated resolver, or a real one (unbound, pdns-recursor, knot-resolver, dnsmasq)
 * started on {@link #address()} port 53.
 *
 * @param office the corporate office the VPN lands in (VPN only, else null)
 * @param tunnel how client traffic flows with this VPN (VPN only, else null)
 * @param tunnelPool the addresses VPN clients get inside the tunnel (VPN only, else null)
 * @param cache whether the resolver caches answers for their TTL (emulated: on a virtual clock; a
 *     real resolver without cache has its cache flushed before every lookup)
 * @param software the real resolver that plays this one, or null for the emulated resolver
 * @param binary the real resolver's executable when not where its Debian package puts it, else null
 * @param directCategories for a split tunnel: the endpoint categories whose traffic leaves directly
 *     (the rest goes through the office); empty for other resolvers
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
        Cidr tunnelPool,
        ResolverKind software,
        Path binary,
        Set<EndpointCategory> directCategories) {

    /** The value of {@code software:} for the testbed's own resolver. */
    public static final String EMULATED = "emulated";

    /** A resolver near the client (its ISP's or its office's) or the corporate one reached over VPN. */
    public enum Kind { LOCAL, VPN }

    /**
     * VPN tunnel mode: the direct categories' traffic leaves locally and the rest goes through the
     * office (split), or all traffic goes through the office (full). DNS goes through the VPN either way.
     */
    public enum Tunnel { SPLIT, FULL }

    /** What a split tunnel sends direct when the scenario does not say: Optimize, as Microsoft recommends. */
    public static final Set<EndpointCategory> DEFAULT_DIRECT = Set.of(EndpointCategory.OPTIMIZE);

    public ResolverSpec {
        directCategories = directCategories == null ? Set.of() : Set.copyOf(directCategories);
    }

    /** An emulated resolver (a split tunnel sends Optimize direct). */
    public ResolverSpec(String id, Kind kind, Where place, InetAddress address, Ecs ecs, boolean cache, Where office,
            Tunnel tunnel, Cidr tunnelPool) {
        this(id, kind, place, address, ecs, cache, office, tunnel, tunnelPool, null, null,
                tunnel == Tunnel.SPLIT ? DEFAULT_DIRECT : Set.of());
    }

    public boolean isVpn() {
        return kind == Kind.VPN;
    }

    /** True when the client's traffic goes through the corporate office before reaching a site. */
    public boolean fullTunnel() {
        return kind == Kind.VPN && tunnel == Tunnel.FULL;
    }

    /**
     * True when a lookup of a name of {@code category} sends its traffic through the corporate office:
     * always with a full tunnel, with a split tunnel when the category is not sent direct (a name of no
     * service counts as Default), never without a VPN.
     */
    public boolean throughOffice(EndpointCategory category) {
        if (kind != Kind.VPN) {
            return false;
        }
        return tunnel == Tunnel.FULL || !directCategories.contains(category == null ? EndpointCategory.DEFAULT : category);
    }

    /** True when a real resolver process plays this resolver. */
    public boolean real() {
        return software != null;
    }

    /** {@code emulated}, or the real resolver's id ({@code unbound}, {@code pdns-recursor}, ...). */
    public String softwareId() {
        return software == null ? EMULATED : software.id();
    }
}
