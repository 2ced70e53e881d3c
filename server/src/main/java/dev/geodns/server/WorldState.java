package dev.geodns.server;

import dev.geodns.config.ConfigError;
import dev.geodns.config.WorldCompiler;
import dev.geodns.config.WorldException;
import dev.geodns.config.compiled.CompiledWorld;
import dev.geodns.config.model.World;
import dev.geodns.config.model.ZoneSpec;
import dev.geodns.server.engine.ServingState;
import dev.geodns.server.engine.Snapshot;
import dev.geodns.server.engine.SnapshotBuilder;
import dev.geodns.server.geo.WorldLocator;
import dev.geodns.server.routing.DrainState;
import dev.geodns.server.routing.Router;
import dev.geodns.server.routing.SiteTable;
import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the served world and swaps it atomically: a new world is compiled completely (the
 * {@link CompiledWorld}, then its names, router and locator) before it becomes visible, so queries in flight finish on the old one and a
 * bad world never replaces a good one. Drain state carries over for sites that still exist.
 */
public final class WorldState {
    private final AtomicReference<ServingState> current = new AtomicReference<>();
    private volatile DrainState drain;
    private List<ZoneSpec> zones;

    private WorldState() {
    }

    /** Compiles the first world. */
    public static WorldState load(World world, List<ZoneSpec> zones) throws WorldException {
        WorldState s = new WorldState();
        s.replace(world, zones);
        return s;
    }

    public ServingState current() {
        return current.get();
    }

    public DrainState drain() {
        return drain;
    }

    /**
     * Drains a site of the served world. Serialized with {@link #replace}, so a drain made while a
     * reload is compiling is carried into the new world rather than lost.
     *
     * @return true when it was live until now
     * @throws IllegalArgumentException for an unknown site id
     */
    public synchronized boolean drainSite(String siteId) {
        return drain.drain(siteId);
    }

    /**
     * Puts a drained site back into service; serialized with {@link #replace} like {@link #drainSite}.
     *
     * @return true when it was drained until now
     * @throws IllegalArgumentException for an unknown site id
     */
    public synchronized boolean restoreSite(String siteId) {
        return drain.restore(siteId);
    }

    /**
     * Drains exactly the sites named, and restores every other (the shared state file's view);
     * serialized with {@link #replace} like {@link #drainSite}.
     *
     * @throws IllegalArgumentException for an unknown site id (nothing changed then)
     */
    public synchronized void setDrained(java.util.Set<String> siteIds) {
        SiteTable table = drain.table();
        for (String id : siteIds) {
            table.require(id);
        }
        for (int i = 0; i < table.size(); i++) {
            String id = table.site(i).id();
            if (siteIds.contains(id)) {
                drain.drain(id);
            } else {
                drain.restore(id);
            }
        }
    }

    /** The zone files given beside the world (reused by reloads that do not name their own). */
    public synchronized List<ZoneSpec> zones() {
        return zones;
    }

    /** Compiles {@code world} and, only if that succeeds, serves it. */
    public synchronized ServingState replace(World world, List<ZoneSpec> extraZones) throws WorldException {
        CompiledWorld compiled = WorldCompiler.compile(world, extraZones);
        SiteTable sites = SiteTable.of(world);
        DrainState nextDrain = drain == null ? new DrainState(sites) : drain.carryOver(sites);
        WorldLocator locator;
        try {
            locator = WorldLocator.open(compiled);
        } catch (IOException e) {
            throw new WorldException(List.of(new ConfigError(world.fileLabel(), world.lines().lineOf("geoip.databases"),
                    "geoip.databases", "cannot open: " + e.getMessage())));
        }
        Router router = new Router(compiled, sites, locator, nextDrain);
        Snapshot snapshot;
        try {
            snapshot = SnapshotBuilder.build(compiled);
        } catch (WorldException e) {
            closeQuietly(locator);
            throw e;
        }
        ServingState old = current.get();
        long generation = old == null ? 1 : old.generation() + 1;
        ServingState next = new ServingState(world, snapshot, router, generation, Instant.now());
        drain = nextDrain;
        zones = List.copyOf(extraZones);
        current.set(next);
        if (old != null && old.router().locator() instanceof Closeable c) {
            // Queries in flight may still read the old GeoIP files: close them a little later.
            RETIRE.schedule(() -> closeQuietly(c), 30, TimeUnit.SECONDS);
        }
        return next;
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // a reader that fails to close holds only memory
        }
    }

    private static final ScheduledExecutorService RETIRE = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "geodns-retire");
        t.setDaemon(true);
        return t;
    });
}
