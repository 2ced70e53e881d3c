package dev.geodns.server.admin;

import dev.geodns.config.ConfigError;
import dev.geodns.config.WorldException;
import dev.geodns.server.GeoDnsServer;
import dev.geodns.server.engine.ServingState;
import dev.geodns.server.metrics.WorldMetrics;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Reloads the served world from its {@link WorldSource}, for every trigger ({@code POST /reload},
 * SIGHUP, {@code --watch}). The new world is read, validated and compiled completely before
 * {@code WorldState.replace} swaps it in one step; a world with errors is rejected, its errors go
 * to the log, the caller and a metric, and the old world keeps serving. Reloads are serialized.
 */
public final class WorldReloader implements AutoCloseable {
    private final GeoDnsServer server;
    private final WorldSource source;
    private final WorldMetrics metrics;
    private final Consumer<String> log;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "geodns-reload");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param metrics where outcomes are counted, or null
     * @param log where one line per attempt (and one per error) is written
     */
    public WorldReloader(GeoDnsServer server, WorldSource source, WorldMetrics metrics, Consumer<String> log) {
        this.server = server;
        this.source = source;
        this.metrics = metrics;
        this.log = log;
    }

    public GeoDnsServer server() {
        return server;
    }

    /** Loads the world again and serves it, or keeps the old one; never throws for a bad world. */
    public synchronized ReloadResult reload(WorldMetrics.Trigger trigger) {
        long start = System.nanoTime();
        List<ConfigError> errors;
        try {
            WorldSource.Loaded loaded = source.load();
            ServingState next = server.reload(loaded.world(), loaded.zones());
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (metrics != null) {
                metrics.reloaded(trigger);
            }
            log.accept("reload (" + trigger.tag() + "): generation " + next.generation() + " serving "
                    + source.describe() + ", " + next.world().summary() + " (" + millis + " ms)");
            return new ReloadResult(true, trigger, next.generation(), next.world().summary(), List.of(), millis);
        } catch (WorldException e) {
            errors = e.errors();
        } catch (RuntimeException e) {
            // A defect in compiling must not take the server down with it: reject like a bad file.
            errors = List.of(new ConfigError(source.describe(), 0, "", "cannot compile: " + e));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (metrics != null) {
            metrics.rejected(trigger, errors.size());
        }
        long generation = server.current().generation();
        log.accept("reload (" + trigger.tag() + ") rejected: " + errors.size() + " error(s) in " + source.describe()
                + "; still serving generation " + generation);
        errors.forEach(err -> log.accept("  " + err));
        return new ReloadResult(false, trigger, generation, null, errors, millis);
    }

    /** Reloads on a background thread (for signal handlers and file watchers, which must not block). */
    public void reloadLater(WorldMetrics.Trigger trigger) {
        background.execute(() -> reload(trigger));
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
