package dev.geodns.server.engine;

import java.util.List;

/**
 * Several observers told in turn (what {@link QueryObserver#andThen} makes). The engine unpacks it
 * to guard each member on its own; used directly, an exception from one member stops the rest.
 */
final class ObserverChain implements QueryObserver {
    final List<QueryObserver> members;

    ObserverChain(List<QueryObserver> members) {
        this.members = List.copyOf(members);
    }

    /** The observers {@code observer} stands for: its members if it is a chain, else itself. */
    static List<QueryObserver> members(QueryObserver observer) {
        if (observer == NONE) {
            return List.of();
        }
        return observer instanceof ObserverChain chain ? chain.members : List.of(observer);
    }

    @Override
    public void answered(AnsweredQuery query) {
        for (QueryObserver o : members) {
            o.answered(query);
        }
    }

    @Override
    public void dropped(Transport transport) {
        for (QueryObserver o : members) {
            o.dropped(transport);
        }
    }

    @Override
    public void failed(Transport transport, Throwable cause) {
        for (QueryObserver o : members) {
            o.failed(transport, cause);
        }
    }

    @Override
    public void observerFailed(Throwable cause) {
        for (QueryObserver o : members) {
            o.observerFailed(cause);
        }
    }

    @Override
    public boolean timesEveryAnswer() {
        return members.stream().anyMatch(QueryObserver::timesEveryAnswer);
    }

    @Override
    public boolean readsDecisions() {
        return members.stream().anyMatch(QueryObserver::readsDecisions);
    }
}
