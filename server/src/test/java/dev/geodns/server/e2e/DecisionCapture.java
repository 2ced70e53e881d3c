package dev.geodns.server.e2e;

import dev.geodns.server.engine.AnsweredQuery;
import dev.geodns.server.engine.QueryObserver;
import dev.geodns.server.routing.RoutingDecision;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Remembers the routing decision of the last query per DNS id, and counts queries by routing. */
final class DecisionCapture implements QueryObserver {
    final ConcurrentHashMap<Integer, RoutingDecision> byId = new ConcurrentHashMap<>();
    final AtomicLong routed = new AtomicLong();
    final AtomicLong answered = new AtomicLong();

    @Override
    public void answered(AnsweredQuery query) {
        answered.incrementAndGet();
        RoutingDecision decision = query.decision();
        if (decision != null) {
            routed.incrementAndGet();
            byId.put(query.id(), decision);
        }
    }
}
