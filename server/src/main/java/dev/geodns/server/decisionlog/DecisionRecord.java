package dev.geodns.server.decisionlog;

import dev.geodns.server.engine.QueryEvent;

/**
 * What the event loop hands to the decision log's writer thread for one query: the engine's
 * immutable event and the wall-clock time, so that taking it costs next to nothing and all
 * formatting happens on the writer thread.
 *
 * @param epochMillis when the answer was written
 */
record DecisionRecord(long epochMillis, QueryEvent event) {
}
