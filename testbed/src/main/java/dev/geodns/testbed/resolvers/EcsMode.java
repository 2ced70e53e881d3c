package dev.geodns.testbed.resolvers;

/** What EDNS Client Subnet (RFC 7871) a real resolver sends to the emulator. */
public enum EcsMode {
    /** No ECS option: the emulator locates the resolver's own (pinned) source address. */
    NONE,
    /**
     * The client's address cut to {@link ResolverSpec#ecsIpv4Bits()} / {@link ResolverSpec#ecsIpv6Bits()}
     * (24 and 56 by default), as the resolver's own ECS implementation sends it. Loopback clients
     * included: pdns-recursor needs {@code ecs-add-for} for that, which the generated config sets.
     */
    CLIENT
}
