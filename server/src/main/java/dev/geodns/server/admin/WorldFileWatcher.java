package dev.geodns.server.admin;

import dev.geodns.config.model.World;
import dev.geodns.config.model.ZoneSpec;
import dev.geodns.server.GeoDnsServer;
import dev.geodns.server.metrics.WorldMetrics;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code --watch}: reloads the world when the world file, one of its zone files, an extra zone file
 * or a GeoIP database changes. Watches the directories holding them (editors often replace a file
 * by renaming a new one over it) and waits until the files have been quiet for the debounce time,
 * so that one save is one reload. The watched set follows the served world after each reload.
 */
public final class WorldFileWatcher implements AutoCloseable {
    private final WorldReloader reloader;
    private final long debounceNanos;
    private final WatchService watch;
    private final Map<Path, WatchKey> directories = new HashMap<>();
    private final Thread thread;
    private volatile Set<Path> files = Set.of();
    private volatile boolean closed;

    private WorldFileWatcher(WorldReloader reloader, Duration debounce) throws IOException {
        this.reloader = reloader;
        this.debounceNanos = debounce.toNanos();
        this.watch = FileSystems.getDefault().newWatchService();
        refresh();
        this.thread = new Thread(this::run, "geodns-watch");
        this.thread.setDaemon(true);
    }

    /** Starts watching the files of the world {@code reloader} serves. */
    public static WorldFileWatcher start(WorldReloader reloader, Duration debounce) throws IOException {
        WorldFileWatcher w = new WorldFileWatcher(reloader, debounce);
        w.thread.start();
        return w;
    }

    /** The files watched now (absolute). */
    public Set<Path> files() {
        return files;
    }

    /** The files a served world was read from: the world file, its zone files, extra zones, GeoIP databases. */
    static Set<Path> filesOf(GeoDnsServer server) {
        World world = server.current().world();
        Set<Path> out = new LinkedHashSet<>();
        if (world.source() != null) {
            out.add(world.source());
        }
        for (ZoneSpec z : world.zones()) {
            if (z.file() != null) {
                out.add(z.file());
            }
        }
        for (ZoneSpec z : server.worldState().zones()) {
            if (z.file() != null) {
                out.add(z.file());
            }
        }
        if (world.geoip() != null) {
            out.addAll(world.geoip().databases());
        }
        Set<Path> absolute = new LinkedHashSet<>();
        for (Path p : out) {
            absolute.add(p.toAbsolutePath().normalize());
        }
        return Set.copyOf(absolute);
    }

    private void refresh() throws IOException {
        Set<Path> now = filesOf(reloader.server());
        Set<Path> dirs = new LinkedHashSet<>();
        for (Path f : now) {
            if (f.getParent() != null) {
                dirs.add(f.getParent());
            }
        }
        directories.entrySet().removeIf(e -> {
            if (!dirs.contains(e.getKey())) {
                e.getValue().cancel();
                return true;
            }
            return false;
        });
        for (Path d : dirs) {
            if (!directories.containsKey(d)) {
                directories.put(d, d.register(watch, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE));
            }
        }
        files = now;
    }

    private void run() {
        long lastChange = 0;
        boolean pending = false;
        try {
            while (!closed) {
                long wait = pending ? Math.max(1, debounceNanos - (System.nanoTime() - lastChange)) : 500_000_000L;
                WatchKey key = watch.poll(wait, TimeUnit.NANOSECONDS);
                if (key != null) {
                    if (relevant(key)) {
                        pending = true;
                        lastChange = System.nanoTime();
                    }
                    key.reset();
                    continue;
                }
                if (pending && System.nanoTime() - lastChange >= debounceNanos) {
                    pending = false;
                    reloader.reload(WorldMetrics.Trigger.WATCH);
                    try {
                        refresh();
                    } catch (IOException e) {
                        System.err.println("watch: cannot watch the new world's directories: " + e.getMessage());
                    }
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    private boolean relevant(WatchKey key) {
        Path dir = (Path) key.watchable();
        boolean any = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                any = true; // events were lost: one of ours may have changed
            } else if (files.contains(dir.resolve((Path) event.context()).toAbsolutePath().normalize())) {
                any = true;
            }
        }
        return any;
    }

    @Override
    public void close() {
        closed = true;
        try {
            watch.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
