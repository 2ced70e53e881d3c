package dev.geodns.server.engine;

import dev.geodns.server.dns.WireQuery;
import dev.geodns.server.routing.RoutingDecision;
import java.net.InetSocketAddress;

/**
 * Hears about every query the engine handled: the hook for metrics and the decision log. Called on
 * the event loop thread, so implementations must be quick and never block; {@code query} is only
 * valid during the call.
 */
public interface QueryObserver {
    /** The {@code nanos} of an answer the engine did not time (see {@link #timesEveryAnswer()}). */
    long NOT_TIMED = -1;

    QueryObserver NONE = new QueryObserver() {
        @Override
        public void answered(Transport transport, WireQuery query, InetSocketAddress sender, int rcode,
                RoutingDecision decision, boolean truncated, long nanos) {
        }

        @Override
        public void dropped(Transport transport) {
        }
    };

    /**
     * A response was written ({@code decision} is null for answers that needed no routing).
     * {@code nanos} is the time from packet read to response built, or {@link #NOT_TIMED}.
     */
    void answered(Transport transport, WireQuery query, InetSocketAddress sender, int rcode,
            RoutingDecision decision, boolean truncated, long nanos);

    /** A packet was dropped unanswered (unreadable header, or a response). */
    void dropped(Transport transport);

    /**
     * Whether this observer needs the time of every answer. When none does, the engine times one
     * query in {@link QueryEngine#TIMING_SAMPLE} per thread (the first, then every so many) and
     * passes {@link #NOT_TIMED} for the others: two clock reads and a histogram update cost a few
     * per cent of a query.
     */
    default boolean timesEveryAnswer() {
        return false;
    }

    /** Answering failed with an exception (a bug); the client got SERVFAIL. */
    default void failed(Transport transport, Throwable cause) {
    }

    /** An observer that tells this one, then {@code next} (e.g. metrics, then the decision log). */
    default QueryObserver andThen(QueryObserver next) {
        if (next == NONE) {
            return this;
        }
        if (this == NONE) {
            return next;
        }
        QueryObserver first = this;
        return new QueryObserver() {
            @Override
            public void answered(Transport transport, WireQuery query, InetSocketAddress sender, int rcode,
                    RoutingDecision decision, boolean truncated, long nanos) {
                first.answered(transport, query, sender, rcode, decision, truncated, nanos);
                next.answered(transport, query, sender, rcode, decision, truncated, nanos);
            }

            @Override
            public boolean timesEveryAnswer() {
                return first.timesEveryAnswer() || next.timesEveryAnswer();
            }

            @Override
            public void dropped(Transport transport) {
                first.dropped(transport);
                next.dropped(transport);
            }

            @Override
            public void failed(Transport transport, Throwable cause) {
                first.failed(transport, cause);
                next.failed(transport, cause);
            }
        };
    }
}
