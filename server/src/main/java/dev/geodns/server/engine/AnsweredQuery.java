package dev.geodns.server.engine;

import dev.geodns.config.model.Service;
import dev.geodns.config.model.Site;
import dev.geodns.server.faults.Fault;
import dev.geodns.server.geo.LocationOrigin;
import dev.geodns.server.routing.RoutingDecision;
import java.net.InetSocketAddress;

/**
 * What {@link QueryObserver#answered} is told about one answered query. The engine passes a view
 * it reuses for every query of the thread: its accessors are free (no object is made for them),
 * and it is valid only during the call. An observer that keeps anything, hands it to another
 * thread, or needs the name, takes {@link #event()}: an immutable copy, made on the first call for
 * the query and shared by every observer that asks (so a sampling log pays only for the queries it
 * samples, and counting costs nothing).
 */
public interface AnsweredQuery {
    Transport transport();

    /** Where the query came from (the transport's own object, not a copy). */
    InetSocketAddress sender();

    /**
     * The trusted proxy that passed the query on with a PROXY header naming {@link #sender()}, or
     * null when the query came directly.
     */
    InetSocketAddress proxy();

    /** The query's DNS message id. */
    int id();

    int qtype();

    int qclass();

    /** Whether the query carried an EDNS Client Subnet option. */
    boolean hasEcs();

    /**
     * The routing decision, or null when the answer needed no routing. The engine's view has it
     * only when some observer {@link QueryObserver#readsDecisions() reads decisions}; the others
     * read the routing facts below.
     */
    RoutingDecision decision();

    /** The service routing answered for, or null when the answer needed no routing. */
    default Service routedService() {
        RoutingDecision d = decision();
        return d == null ? null : d.service();
    }

    /** The site routing chose, or null when the answer needed no routing. */
    default Site routedSite() {
        RoutingDecision d = decision();
        return d == null ? null : d.site();
    }

    /** The routing policy's name ({@link RoutingDecision#policy()}), or null when the answer needed no routing. */
    default String routedPolicy() {
        RoutingDecision d = decision();
        return d == null ? null : d.policy();
    }

    /** Whether routing located the ECS address rather than the sender (false when not routed). */
    default boolean locatedByEcs() {
        RoutingDecision d = decision();
        return d != null && d.asker().fromEcs();
    }

    /** Which source located the address routing used, or null when the answer needed no routing. */
    default LocationOrigin locatedBy() {
        RoutingDecision d = decision();
        return d == null ? null : d.location().origin();
    }

    /** The rcode of the reply (12 bits: BADVERS is 16). */
    int rcode();

    /** Whether the reply was truncated (TC set) to fit the UDP payload size. */
    boolean truncated();

    /** Time from packet read to response built, or {@link QueryObserver#NOT_TIMED}. */
    long nanos();

    /**
     * The fault a rule applied to this answer ({@link Fault#DROP} never gets here: nothing is
     * answered), or null. Told by the engine's view only: {@link QueryEvent} does not keep it.
     */
    default Fault fault() {
        return null;
    }

    /** This query as an immutable event, valid forever. */
    QueryEvent event();
}
