package dev.geodns.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The meters of the decision log: lines written, dropped because the queue was full, or lost to a
 * write error, and the queue's depth. Every meter name and tag of this component is defined here and
 * listed in {@code server/README.md} ("Metrics"). Thread-safe.
 */
public final class DecisionLogMetrics {
    /** Counter: decision log lines, by {@link #OUTCOME} ({@code written}, {@code dropped}, {@code failed}). */
    public static final String LINES = "geodns.decisionlog.lines";
    /** Gauge: records waiting for the writer thread. */
    public static final String QUEUED = "geodns.decisionlog.queued";

    /** Every meter name of this component. */
    public static final List<String> NAMES = List.of(LINES, QUEUED);

    public static final String OUTCOME = "outcome";

    private final Counter written;
    private final Counter dropped;
    private final Counter failed;

    /** @param queued the queue's depth, read when scraped */
    public DecisionLogMetrics(MeterRegistry registry, IntSupplier queued) {
        written = line(registry, "written");
        dropped = line(registry, "dropped");
        failed = line(registry, "failed");
        Gauge.builder(QUEUED, queued::getAsInt).description("decision log records waiting to be written")
                .register(registry);
    }

    private static Counter line(MeterRegistry registry, String outcome) {
        return Counter.builder(LINES).description("decision log lines (dropped: queue full; failed: write error)")
                .tag(OUTCOME, outcome).register(registry);
    }

    public void written() {
        written.increment();
    }

    public void dropped() {
        dropped.increment();
    }

    public void failed() {
        failed.increment();
    }
}
