package dev.geodns.server.engine;

import dev.geodns.server.geo.ClientSubnet;
import dev.geodns.server.routing.RoutingDecision;
import java.net.InetSocketAddress;

/**
 * One answered query, immutable: what observers keep, log or hand to other threads (see
 * {@link AnsweredQuery#event()}).
 *
 * @param sender where the query came from: the resolver, also when a proxy passed it on
 * @param proxy the trusted proxy that passed it on with a PROXY header, or null when it came directly
 * @param id the query's DNS message id
 * @param name the question name in presentation form, lower case, absolute ({@code www.example.org.});
 *     {@code .} when the query had no readable question
 * @param ecs the query's EDNS Client Subnet option, or null
 * @param decision the routing decision, or null when the answer needed no routing
 * @param rcode the reply's rcode (12 bits)
 * @param ecsScope the SCOPE PREFIX-LENGTH the reply carried (the decision's, or 0 when no routing
 *     decided); -1 when the query carried no ECS
 * @param truncated whether the reply had TC set
 * @param nanos time from packet read to response built, or {@link QueryObserver#NOT_TIMED}
 */
public record QueryEvent(Transport transport, InetSocketAddress sender, InetSocketAddress proxy, int id, String name, int qtype, int qclass,
        ClientSubnet ecs, RoutingDecision decision, int rcode, int ecsScope, boolean truncated, long nanos)
        implements AnsweredQuery {

    /** An event for a query that came directly (no proxy). */
    public QueryEvent(Transport transport, InetSocketAddress sender, int id, String name, int qtype, int qclass,
            ClientSubnet ecs, RoutingDecision decision, int rcode, int ecsScope, boolean truncated, long nanos) {
        this(transport, sender, null, id, name, qtype, qclass, ecs, decision, rcode, ecsScope, truncated, nanos);
    }

    @Override
    public boolean hasEcs() {
        return ecs != null;
    }

    @Override
    public QueryEvent event() {
        return this;
    }
}
