package dev.geodns.server.geo;

import java.net.InetAddress;
import java.util.Objects;

/**
 * The one place that decides which address locates the asker and which ECS scope the reply carries
 * (RFC 7871). Immutable.
 *
 * <p>The ECS address replaces the packet's source only when the query carries one, the matched
 * service honours ECS, and the client did not opt out with SOURCE PREFIX-LENGTH 0 (RFC 7871
 * section 7.1.2). Everything else is located by the packet's source, the recursive resolver.
 *
 * @param address the address to locate
 * @param reason why that address
 * @param ecs the query's ECS option, or null when it had none
 */
public record AskerAddress(InetAddress address, Reason reason, ClientSubnet ecs) {

    /** Why {@link #address()} was chosen. */
    public enum Reason {
        /** The ECS address: the query carried one and the service honours it. */
        ECS,
        /** The packet's source: the query carried no ECS option. */
        NO_ECS,
        /** The packet's source: ECS SOURCE PREFIX-LENGTH 0, the client opted out (RFC 7871 section 7.1.2). */
        ECS_OPT_OUT,
        /** The packet's source: the service does not honour ECS (resolver-only routing). */
        ECS_NOT_HONOURED;

        /** True when the ECS address was located. */
        public boolean usesEcs() {
            return this == ECS;
        }
    }

    public AskerAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Chooses the address to locate.
     *
     * @param source the packet's source address
     * @param ecs the query's ECS option, or null
     * @param serviceHonoursEcs whether the matched service honours ECS
     */
    public static AskerAddress choose(InetAddress source, ClientSubnet ecs, boolean serviceHonoursEcs) {
        Reason reason = reasonFor(ecs, serviceHonoursEcs);
        return new AskerAddress(addressFor(reason, source, ecs), reason, ecs);
    }

    /** Why one address or the other locates the asker ({@link #choose}, without making the record). */
    public static Reason reasonFor(ClientSubnet ecs, boolean serviceHonoursEcs) {
        if (ecs == null) {
            return Reason.NO_ECS;
        }
        if (!serviceHonoursEcs) {
            return Reason.ECS_NOT_HONOURED;
        }
        return ecs.sourcePrefix() == 0 ? Reason.ECS_OPT_OUT : Reason.ECS;
    }

    /** The address that {@code reason} says to locate. */
    public static InetAddress addressFor(Reason reason, InetAddress source, ClientSubnet ecs) {
        return reason.usesEcs() ? ecs.inetAddress() : source;
    }

    /** True when the ECS address was located. */
    public boolean fromEcs() {
        return reason.usesEcs();
    }

    /**
     * The SCOPE PREFIX-LENGTH for the reply's ECS option (RFC 7871 section 7.2.1).
     *
     * <ul>
     *   <li>0 when the ECS address was not used (no option, opt-out, service ignores ECS) or the answer
     *       does not depend on location (static names, {@code active}, {@code fixed}): the answer is
     *       good for every subnet, so resolvers may cache it for all.
     *   <li>Otherwise the located network's prefix length, capped at the SOURCE PREFIX-LENGTH: the
     *       answer holds for the whole matched network, but we cannot claim more bits than we were
     *       given.
     *   <li>For an ECS address that no source could place (the cloud's default site answered), the
     *       SOURCE PREFIX-LENGTH: we do not know how far the unplaced range extends, and a shorter
     *       scope could make a resolver serve the default answer to a neighbouring subnet that does
     *       have a place. Never wider than what we were told; never wrong.
     * </ul>
     *
     * @param location where {@link #address()} was located
     * @param answerDependsOnLocation whether another location could have produced another answer
     */
    public int scopeFor(Location location, boolean answerDependsOnLocation) {
        return scopeFor(reason, ecs, location, answerDependsOnLocation);
    }

    /** {@link #scopeFor(Location, boolean)} without the record. */
    public static int scopeFor(Reason reason, ClientSubnet ecs, Location location, boolean answerDependsOnLocation) {
        if (!reason.usesEcs() || !answerDependsOnLocation) {
            return 0;
        }
        if (!location.known()) {
            return ecs.sourcePrefix();
        }
        return Math.min(location.networkPrefixLength(), ecs.sourcePrefix());
    }
}
