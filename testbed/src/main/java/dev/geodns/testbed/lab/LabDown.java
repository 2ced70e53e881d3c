package dev.geodns.testbed.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Removes what a lab made: its processes (by PID: those it recorded, if their command line still
 * names the lab's state directory, and whatever still runs inside its namespaces), its namespaces
 * (their veths go with them), its {@code /etc/netns} files and its state directory. Safe to run
 * twice, after a crashed {@code up}, and for a lab that has no state left.
 */
public final class LabDown {
    private static final Path ETC_NETNS = Path.of("/etc/netns");
    private final Path root;
    private final Consumer<String> log;

    public LabDown(Path root, Consumer<String> log) {
        this.root = root;
        this.log = log;
    }

    /** Takes lab {@code id} down; returns how many namespaces were removed. */
    public int down(String id) throws IOException, InterruptedException {
        LabState state = LabState.load(root, id);
        Set<String> namespaces = new LinkedHashSet<>();
        if (state != null) {
            for (LabState.Started p : state.processes()) {
                stop(p.pid(), state.dir().toString(), p.name());
            }
            namespaces.addAll(state.namespaces());
        }
        String prefix = LabNames.namespacePrefix(id);
        for (String ns : existingNamespaces()) {
            if (ns.startsWith(prefix)) {
                namespaces.add(ns);
            }
        }
        int removed = removeNamespaces(namespaces);
        if (state != null) {
            for (String f : state.files()) {
                deleteTree(Path.of(f));
            }
        }
        deleteTree(root.resolve(id));
        return removed;
    }

    /** Takes down every lab this tool made: every state directory and every {@code gdl-} namespace. */
    public int downAll() throws IOException, InterruptedException {
        int removed = 0;
        for (String id : LabState.ids(root)) {
            removed += down(id);
        }
        Set<String> rest = new LinkedHashSet<>();
        for (String ns : existingNamespaces()) {
            if (ns.startsWith(LabNames.NAMESPACE_PREFIX)) {
                rest.add(ns);
            }
        }
        return removed + removeNamespaces(rest);
    }

    private int removeNamespaces(Set<String> namespaces) throws IOException, InterruptedException {
        List<String> existing = existingNamespaces();
        int removed = 0;
        for (String ns : namespaces) {
            for (long pid : pidsIn(ns)) {
                stop(pid, null, "process in " + ns);
            }
        }
        for (String ns : namespaces) {
            if (existing.contains(ns)) {
                Commands.Result r = Commands.ipQuietly("netns", "del", ns);
                if (r.ok()) {
                    removed++;
                    log.accept("removed namespace " + ns);
                } else {
                    log.accept("could not remove namespace " + ns + ": " + r.err().trim());
                }
            }
            deleteTree(ETC_NETNS.resolve(ns));
        }
        return removed;
    }

    /** The namespaces {@code ip netns list} shows, by name. */
    public static List<String> existingNamespaces() throws IOException, InterruptedException {
        Commands.Result r = Commands.ipQuietly("netns", "list");
        List<String> out = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            String name = line.trim().split("\\s+")[0];
            if (!name.isEmpty()) {
                out.add(name);
            }
        }
        return out;
    }

    /** The PIDs of processes inside namespace {@code ns}. */
    static List<Long> pidsIn(String ns) throws IOException, InterruptedException {
        Commands.Result r = Commands.ipQuietly("netns", "pids", ns);
        List<Long> out = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            if (line.trim().matches("\\d+")) {
                out.add(Long.parseLong(line.trim()));
            }
        }
        return out;
    }

    /**
     * SIGTERM, then SIGKILL after three seconds. With {@code marker}, only when the process's command
     * line contains it (a recorded PID may have been reused by an unrelated process since).
     */
    private void stop(long pid, String marker, String name) throws InterruptedException {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return;
        }
        if (marker != null && !commandLine(pid).contains(marker)) {
            log.accept("not stopping pid " + pid + " (" + name + "): it no longer runs the lab's command");
            return;
        }
        h.get().destroy();
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (h.get().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (h.get().isAlive()) {
            h.get().destroyForcibly();
            Thread.sleep(100);
        }
        log.accept("stopped " + name + " (pid " + pid + ")");
    }

    static String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: what is left is named by the next down
        }
    }
}
