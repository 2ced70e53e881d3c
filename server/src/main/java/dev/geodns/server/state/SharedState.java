package dev.geodns.server.state;

import dev.geodns.server.WorldState;
import dev.geodns.server.routing.DrainState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps a server's runtime state (drains) in a {@link StateFile} shared by replicas: a change made
 * through this replica's API is written to the file (read, changed, written atomically), and the
 * file is read every {@link #POLL_MILLIS} ms, so that a change made by another replica or by hand
 * is served within a second. A file that does not parse is rejected, with every error logged once,
 * and the last good state keeps serving; a missing file means nothing is drained.
 *
 * <p>Polling rather than a WatchService: a rename over the file, a Kubernetes ConfigMap's symlink
 * swap and a file on a network share are all seen the same way, and the file is a few lines.
 */
public final class SharedState implements AutoCloseable {
    static final long POLL_MILLIS = 200;

    private final Path file;
    private final WorldState world;
    private final Consumer<String> log;
    private final ScheduledExecutorService poller;
    /** The text last applied or rejected, so each version is read once. */
    private String lastSeen;
    private volatile String lastError;

    private SharedState(Path file, WorldState world, Consumer<String> log) {
        this.file = file;
        this.world = world;
        this.log = log;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "geodns-state-file");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Applies {@code file} to {@code world} (nothing drained when it does not exist) and starts
     * watching it.
     *
     * @throws StateFileException when the file exists and does not parse: a server does not start
     *     on a state it cannot read
     */
    public static SharedState start(Path file, WorldState world, Consumer<String> log)
            throws StateFileException, IOException {
        SharedState s = new SharedState(file, world, log);
        String text = read(file);
        synchronized (s) {
            world.setDrained(text == null ? Set.of() : StateFile.parse(file.toString(), text, world.drain().table()));
            s.lastSeen = text;
        }
        s.poller.scheduleWithFixedDelay(s::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return s;
    }

    public Path file() {
        return file;
    }

    /** Why the file's current content was rejected, or null when it is served. */
    public String lastError() {
        return lastError;
    }

    /**
     * Drains or restores a site: in the file first, then here. The file's own content is the base
     * (not this replica's memory), so a change another replica just made is kept.
     *
     * @return true when the site's state changed here
     * @throws IllegalArgumentException for an unknown site id
     * @throws UncheckedIOException when the file cannot be written (nothing changed then)
     */
    public synchronized boolean change(String siteId, boolean drain) {
        DrainState now = world.drain();
        now.table().require(siteId);
        Set<String> drained;
        try {
            String text = read(file);
            drained = text == null ? new LinkedHashSet<>()
                    : new LinkedHashSet<>(StateFile.parse(file.toString(), text, now.table()));
        } catch (StateFileException e) {
            drained = new LinkedHashSet<>(now.drainedIds()); // a broken file is replaced by what we serve
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read state file " + file + ": " + e.getMessage(), e);
        }
        if (drain) {
            drained.add(siteId);
        } else {
            drained.remove(siteId);
        }
        String text = StateFile.format(drained);
        try {
            StateFile.writeAtomically(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write state file " + file + ": " + e, e);
        }
        boolean was = now.isDrained(siteId);
        world.setDrained(drained);
        lastSeen = text;
        lastError = null;
        return was != drain;
    }

    private synchronized void poll() {
        try {
            String text = read(file);
            if (text == null ? lastSeen == null : text.equals(lastSeen)) {
                return;
            }
            lastSeen = text;
            world.setDrained(text == null ? Set.of() : StateFile.parse(file.toString(), text, world.drain().table()));
            if (lastError != null) {
                log.accept("state file " + file + " accepted again");
            }
            lastError = null;
        } catch (StateFileException e) {
            lastError = e.getMessage();
            log.accept("error: state file rejected, the last good state keeps serving:\n" + e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.accept("error: reading state file " + file + ": " + e);
        }
    }

    private static String read(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
