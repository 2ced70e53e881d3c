package dev.geodns.testbed.scenario;

import dev.geodns.config.model.Cidr;

/**
 * What EDNS Client Subnet option (RFC 7871) an emulated resolver adds to the queries it sends.
 *
 * @param mode where the subnet comes from
 * @param prefixLength SOURCE PREFIX-LENGTH for {@link Mode#CLIENT} and {@link Mode#TUNNEL}
 * @param fixed the subnet for {@link Mode#FIXED}, else null
 */
public record Ecs(Mode mode, int prefixLength, Cidr fixed) {
    public static final Ecs NONE = new Ecs(Mode.NONE, 0, null);

    /** Where the subnet comes from. */
    public enum Mode {
        /** No ECS option: the server locates the resolver's own source address. */
        NONE,
        /** The client's own address, truncated (what a resolver that sees the client directly sends). */
        CLIENT,
        /** The client's address inside the VPN tunnel: all a VPN resolver sees of it. */
        TUNNEL,
        /** Always the same subnet. */
        FIXED
    }

    /** The spelling used in scenario files: {@code none}, {@code client-24}, {@code tunnel-24} or a CIDR. */
    public String text() {
        return switch (mode) {
            case NONE -> "none";
            case CLIENT -> "client-" + prefixLength;
            case TUNNEL -> "tunnel-" + prefixLength;
            case FIXED -> fixed.toString();
        };
    }
}
