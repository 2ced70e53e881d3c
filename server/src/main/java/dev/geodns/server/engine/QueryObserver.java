package dev.geodns.server.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Hears about every query the engine handled: the hook for metrics, the decision log and test
 * harnesses. Called on the event loop thread, so implementations must be quick and never block.
 *
 * <p>One callback serves both kinds of observer. Counting observers (metrics) read the primitive
 * accessors of the {@link AnsweredQuery} view, which cost nothing: the engine allocates no object
 * per query for them. Observers that keep queries (logs, test harnesses) call
 * {@link AnsweredQuery#event()}, which builds the immutable {@link QueryEvent} once per query, and
 * only for the queries some observer asks about. A separate "event listener" callback would make
 * the engine build the event before knowing whether a sampling observer wants it.
 *
 * <p>An observer that throws costs a logged error (rate-limited) and
 * {@link #observerFailed(Throwable)} on every observer; the client still gets its answer, and the
 * other observers still hear about it.
 */
public interface QueryObserver {
    /** The {@code nanos} of an answer the engine did not time (see {@link #timesEveryAnswer()}). */
    long NOT_TIMED = -1;

    QueryObserver NONE = new QueryObserver() {
        @Override
        public void answered(AnsweredQuery query) {
        }
    };

    /** A response was written; {@code query} is valid only during this call (see {@link AnsweredQuery}). */
    void answered(AnsweredQuery query);

    /** A packet was dropped unanswered (unreadable header, or a response). */
    default void dropped(Transport transport) {
    }

    /** Answering failed with an exception (a bug); the client got SERVFAIL. */
    default void failed(Transport transport, Throwable cause) {
    }

    /** An observer (perhaps this one) threw while being told of a query; the engine logged it. */
    default void observerFailed(Throwable cause) {
    }

    /**
     * Whether this observer needs the time of every answer. When none does, the engine times one
     * query in {@link QueryEngine#TIMING_SAMPLE} per thread (the first, then every so many) and
     * passes {@link #NOT_TIMED} for the others: two clock reads and a histogram update cost a few
     * per cent of a query.
     */
    default boolean timesEveryAnswer() {
        return false;
    }

    /** An observer that tells this one, then {@code next} (e.g. metrics, then the decision log). */
    /**
     * Whether this observer reads {@link AnsweredQuery#decision()} or {@link AnsweredQuery#event()}
     * (which carries it); only then does the engine keep the routing decision object. An observer
     * that needs only the routing facts (service, site, policy, how the asker was located: on the
     * view either way) says false, and when no observer reads decisions, the decision never leaves
     * the engine's stack and the JIT can do without allocating it (the metrics do this).
     */
    default boolean readsDecisions() {
        return true;
    }

    default QueryObserver andThen(QueryObserver next) {
        if (next == NONE) {
            return this;
        }
        if (this == NONE) {
            return next;
        }
        List<QueryObserver> all = new ArrayList<>(ObserverChain.members(this));
        all.addAll(ObserverChain.members(next));
        return new ObserverChain(all);
    }
}
