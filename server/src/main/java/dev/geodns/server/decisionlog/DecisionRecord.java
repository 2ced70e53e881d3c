package dev.geodns.server.decisionlog;

import dev.geodns.server.engine.Transport;
import dev.geodns.server.geo.ClientSubnet;
import dev.geodns.server.routing.RoutingDecision;
import java.net.InetSocketAddress;

/**
 * What the event loop hands to the decision log's writer thread for one query: only references to
 * immutable values and one small copy of the question name, so that taking it costs next to nothing
 * and all formatting happens on the writer thread.
 *
 * @param epochMillis when the answer was written
 * @param name the question name in lower-cased wire form (length-prefixed labels)
 * @param ecs the query's ECS option, or null
 * @param decision the routing decision, or null for answers that needed no routing
 * @param ecsScope the SCOPE PREFIX-LENGTH the reply carried
 */
record DecisionRecord(
        long epochMillis,
        Transport transport,
        InetSocketAddress sender,
        byte[] name,
        int qtype,
        ClientSubnet ecs,
        int rcode,
        boolean truncated,
        RoutingDecision decision,
        int ecsScope,
        long nanos) {
}
