package dev.geodns.testbed.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one lab has made, written to {@code <root>/<id>/state.json} before each thing is made, so that
 * {@code lab down} removes exactly that even after a crashed {@code up}. Mutable; saved by {@link #save()}.
 */
public final class LabState {
    /** Where labs keep their state by default (a tmpfs: a reboot forgets labs, as it forgets namespaces). */
    public static final Path DEFAULT_ROOT = Path.of("/run/geodns-lab");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A process the lab started, and the namespace it runs in. */
    public record Started(String name, String namespace, long pid) {
    }

    /** The file form. */
    record Saved(String id, String scenario, List<String> namespaces, List<Started> processes, List<String> files) {
    }

    private final Path dir;
    private final String id;
    private final String scenario;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Started> processes = new ArrayList<>();
    private final List<String> files = new ArrayList<>();

    private LabState(Path dir, String id, String scenario) {
        this.dir = dir;
        this.id = id;
        this.scenario = scenario;
    }

    /** A new state for lab {@code id} under {@code root}; nothing is written yet. */
    static LabState create(Path root, String id, String scenario) {
        return new LabState(root.resolve(id), id, scenario);
    }

    /** The saved state of lab {@code id}, or null when there is none (or it is unreadable). */
    public static LabState load(Path root, String id) {
        Path file = root.resolve(id).resolve("state.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Saved s = JSON.readValue(file.toFile(), Saved.class);
            LabState state = new LabState(root.resolve(id), s.id(), s.scenario());
            state.namespaces.addAll(s.namespaces());
            state.processes.addAll(s.processes());
            state.files.addAll(s.files());
            return state;
        } catch (IOException e) {
            return null;
        }
    }

    /** The ids of every lab with a state directory under {@code root}. */
    public static List<String> ids(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (var s = Files.list(root)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    void save() throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve("state.json.tmp");
        JSON.writeValue(tmp.toFile(), new Saved(id, scenario, namespaces, processes, files));
        Files.move(tmp, dir.resolve("state.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    void addNamespace(String ns) throws IOException {
        namespaces.add(ns);
        save();
    }

    void addProcess(Started p) throws IOException {
        processes.add(p);
        save();
    }

    void addFile(String path) throws IOException {
        files.add(path);
        save();
    }

    public Path dir() {
        return dir;
    }

    public String id() {
        return id;
    }

    public String scenario() {
        return scenario;
    }

    public List<String> namespaces() {
        return List.copyOf(namespaces);
    }

    public List<Started> processes() {
        return List.copyOf(processes);
    }

    public List<String> files() {
        return List.copyOf(files);
    }
}
