package dev.geodns.server.frontdoor;

import dev.geodns.server.engine.AnsweredQuery;
import dev.geodns.server.engine.QueryObserver;
import dev.geodns.server.faults.Fault;
import dev.geodns.server.routing.RoutingDecision;

/**
 * Feeds {@link RecentDecisions} from the DNS side: for every routed answer (NOERROR, not truncated)
 * that the client takes (a wrong-ID answer it discards) it notes which client was sent to which site for which name, so a front door can name the DNS
 * decision the request in front of it followed. Registered only while front doors run: it keeps
 * an event per routed answer, which a server without front doors should not pay for.
 */
public final class DnsDecisionFeed implements QueryObserver {
    private final RecentDecisions decisions;

    public DnsDecisionFeed(RecentDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public void answered(AnsweredQuery query) {
        RoutingDecision decision = query.decision();
        if (decision == null || query.rcode() != 0 || query.truncated()
                || query.fault() == Fault.WRONG_ID) {
            return;
        }
        String name = query.event().name(); // absolute: the front doors show it as a host name, without the dot
        decisions.record(query.sender().getAddress(), name.length() > 1 && name.endsWith(".")
                ? name.substring(0, name.length() - 1) : name, decision.site().id(), System.nanoTime());
    }
}
