package dev.geodns.server.e2e;

import dev.geodns.server.dns.WireQuery;
import dev.geodns.server.engine.QueryObserver;
import dev.geodns.server.engine.Transport;
import dev.geodns.server.routing.RoutingDecision;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Remembers the routing decision of the last query per DNS id, and counts queries by routing. */
final class DecisionCapture implements QueryObserver {
    final ConcurrentHashMap<Integer, RoutingDecision> byId = new ConcurrentHashMap<>();
    final AtomicLong routed = new AtomicLong();
    final AtomicLong answered = new AtomicLong();

    @Override
    public void answered(Transport transport, WireQuery query, InetSocketAddress sender, int rcode,
            RoutingDecision decision, boolean truncated, long nanos) {
        answered.incrementAndGet();
        if (decision != null) {
            routed.incrementAndGet();
            byId.put(query.id, decision);
        }
    }

    @Override
    public void dropped(Transport transport) {
    }
}
