package dev.geodns.server.metrics;

import dev.geodns.server.engine.ServingState;
import dev.geodns.server.routing.DrainState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The meters of the served world: its generation, its sites and drains, and reload outcomes. Every
 * meter name and tag of this component is defined here and listed in {@code server/README.md}
 * ("Metrics"). Gauges read the live state when scraped. Thread-safe.
 */
public final class WorldMetrics {
    /** Counter: reload attempts, by {@link #RESULT} ({@code ok}, {@code failed}) and {@link #TRIGGER}. */
    public static final String RELOADS = "geodns.world.reloads";
    /** Gauge: the served world's generation (1 for the first world, +1 per successful reload). */
    public static final String GENERATION = "geodns.world.generation";
    /** Gauge: the number of errors that rejected the last reload attempt (0 when it succeeded). */
    public static final String RELOAD_ERRORS = "geodns.world.reload.errors";
    /** Gauge: the served world's sites. */
    public static final String SITES = "geodns.world.sites";
    /** Gauge: sites drained now. */
    public static final String DRAINED = "geodns.sites.drained";

    /** Every meter name of this component. */
    public static final List<String> NAMES = List.of(RELOADS, GENERATION, RELOAD_ERRORS, SITES, DRAINED);

    public static final String RESULT = "result";
    public static final String TRIGGER = "trigger";

    /** What asked for a reload: the values of {@link #TRIGGER}. */
    public enum Trigger {
        /** {@code POST /reload} on the admin API. */
        API,
        /** SIGHUP. */
        SIGNAL,
        /** {@code --watch}: a world or zone file changed. */
        WATCH;

        /** The tag value. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Counter[] ok = new Counter[Trigger.values().length];
    private final Counter[] failed = new Counter[Trigger.values().length];
    private final AtomicInteger lastErrors = new AtomicInteger();

    /**
     * Registers the world meters.
     *
     * @param state the served world
     * @param drain the current drain state
     */
    public WorldMetrics(MeterRegistry registry, Supplier<ServingState> state, Supplier<DrainState> drain) {
        for (Trigger t : Trigger.values()) {
            ok[t.ordinal()] = Counter.builder(RELOADS).description("world reload attempts")
                    .tags(RESULT, "ok", TRIGGER, t.tag()).register(registry);
            failed[t.ordinal()] = Counter.builder(RELOADS).description("world reload attempts")
                    .tags(RESULT, "failed", TRIGGER, t.tag()).register(registry);
        }
        Gauge.builder(GENERATION, () -> state.get().generation()).description("generation of the served world")
                .register(registry);
        Gauge.builder(RELOAD_ERRORS, lastErrors, AtomicInteger::get).strongReference(true)
                .description("errors that rejected the last reload attempt (0 when it succeeded)").register(registry);
        Gauge.builder(SITES, () -> state.get().world().sites().size()).description("sites of the served world")
                .register(registry);
        Gauge.builder(DRAINED, () -> drain.get().drainedIds().size()).description("sites drained now")
                .register(registry);
    }

    /** Counts a successful reload. */
    public void reloaded(Trigger trigger) {
        ok[trigger.ordinal()].increment();
        lastErrors.set(0);
    }

    /** Counts a rejected reload and remembers how many errors rejected it. */
    public void rejected(Trigger trigger, int errors) {
        failed[trigger.ordinal()].increment();
        lastErrors.set(errors);
    }
}
