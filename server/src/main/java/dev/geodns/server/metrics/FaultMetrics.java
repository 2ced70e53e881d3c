package dev.geodns.server.metrics;

import dev.geodns.server.faults.Fault;
import dev.geodns.server.faults.FaultRules;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * The meter of fault injection: queries each {@link Fault} was applied to, read from the
 * {@link FaultRules} counts when scraped (the query path updates no meter of its own). Every meter
 * name and tag of this component is defined here and listed in {@code server/README.md} ("Metrics").
 */
public final class FaultMetrics {
    /** Counter: queries a fault rule applied to, by {@link #ACTION} (a {@link Fault#tag()}). */
    public static final String APPLIED = "geodns.faults.applied";

    /** Every meter name of this component. */
    public static final List<String> NAMES = List.of(APPLIED);

    public static final String ACTION = "action";

    public FaultMetrics(MeterRegistry registry, FaultRules rules) {
        for (Fault f : Fault.values()) {
            FunctionCounter.builder(APPLIED, rules, r -> r.applied(f))
                    .description("queries a fault rule applied to (fault injection, serve --faults)")
                    .tag(ACTION, f.tag()).register(registry);
        }
    }
}
