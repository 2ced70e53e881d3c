package dev.geodns.server.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The engine's side of observing: tells each observer in turn and contains what it throws, so that
 * a faulty observer costs a logged error and a count ({@link QueryObserver#observerFailed} on
 * every observer), never a client's answer, a buffer or another observer's notice. The log is
 * rate-limited to one line per {@link #LOG_INTERVAL_NANOS}, saying how many failures it stands
 * for. Thread-safe.
 */
final class GuardedObservers {
    private static final System.Logger LOG = System.getLogger(QueryEngine.class.getName());
    static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final QueryObserver[] all;
    private final boolean timesEveryAnswer;
    private final boolean readsDecisions;
    private final LongAdder failures = new LongAdder();
    private final AtomicLong nextLog = new AtomicLong(System.nanoTime());
    private long failuresLogged;

    GuardedObservers(QueryObserver observer) {
        this.all = ObserverChain.members(observer).toArray(new QueryObserver[0]);
        boolean every = false;
        boolean decisions = false;
        for (QueryObserver o : all) {
            every |= o.timesEveryAnswer();
            decisions |= o.readsDecisions();
        }
        this.timesEveryAnswer = every;
        this.readsDecisions = decisions;
    }

    /** Whether anyone listens at all (when not, the engine does not time queries). */
    boolean any() {
        return all.length > 0;
    }

    boolean timesEveryAnswer() {
        return timesEveryAnswer;
    }

    /** Whether some observer reads routing decision objects (see {@link QueryObserver#readsDecisions}). */
    boolean readsDecisions() {
        return readsDecisions;
    }

    void answered(AnsweredQuery query) {
        for (QueryObserver o : all) {
            try {
                o.answered(query);
            } catch (Exception e) {
                threw(o, e);
            }
        }
    }

    void dropped(Transport transport) {
        for (QueryObserver o : all) {
            try {
                o.dropped(transport);
            } catch (Exception e) {
                threw(o, e);
            }
        }
    }

    void failed(Transport transport, Throwable cause) {
        for (QueryObserver o : all) {
            try {
                o.failed(transport, cause);
            } catch (Exception e) {
                threw(o, e);
            }
        }
    }

    /** How many times an observer threw, since this engine was made. */
    long failures() {
        return failures.sum();
    }

    private void threw(QueryObserver observer, Exception e) {
        failures.increment();
        for (QueryObserver o : all) {
            try {
                o.observerFailed(e);
            } catch (Exception ignored) {
                // Counted once above; an observer that cannot even count is not told again.
            }
        }
        long now = System.nanoTime();
        long due = nextLog.get();
        if (now - due >= 0 && nextLog.compareAndSet(due, now + LOG_INTERVAL_NANOS)) {
            long total = failures.sum();
            long since;
            synchronized (this) {
                since = total - failuresLogged;
                failuresLogged = total;
            }
            LOG.log(System.Logger.Level.ERROR, "query observer " + observer.getClass().getName() + " threw ("
                    + since + " observer failure(s) since the last such line; the clients got their answers)", e);
        }
    }
}
