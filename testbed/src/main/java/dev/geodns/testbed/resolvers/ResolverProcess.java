package dev.geodns.testbed.resolvers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * One running real resolver: its config written to a temporary directory of its own (config, pid,
 * cache, control socket, output log), the binary started in the foreground, and ready once it has
 * answered a probe. {@link #close()} stops it by its PID (SIGTERM, then SIGKILL after a timeout) and
 * removes the directory; a JVM shutdown hook does the same for instances left open. Thread-safe.
 *
 * <p>Start with {@link #start(ResolverSpec)} in try-with-resources. Set the system property
 * {@value #KEEP_PROPERTY} to keep the directories for a post-mortem.
 */
public final class ResolverProcess implements AutoCloseable {
    /** System property: when {@code true}, instance directories are left behind on close. */
    public static final String KEEP_PROPERTY = "geodns.resolvers.keep";

    /**
     * The readiness probe, {@code version.bind. CH TXT}: all four answer it without asking upstream
     * (kresd with SERVFAIL). A probe the emulator had to refuse would make kresd mark the emulator's
     * address unusable for a while, and its zones with it.
     */
    static final String PROBE_NAME = "version.bind.";
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);
    private static final Set<ResolverProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(LIVE).forEach(ResolverProcess::close),
                "resolver-process-reaper"));
    }

    private final ResolverSpec spec;
    private final Path dir;
    private final Path configFile;
    private final String configText;
    private final Process process;
    private boolean closed;

    private ResolverProcess(ResolverSpec spec, Path dir, Path configFile, String configText, Process process) {
        this.spec = spec;
        this.dir = dir;
        this.configFile = configFile;
        this.configText = configText;
        this.process = process;
    }

    /**
     * Writes the config, starts the resolver and waits until it answers (at most
     * {@link ResolverSpec#startTimeout()}); nothing is left running when this throws.
     *
     * @throws ResolverUnavailableException when the binary is missing (the message names the Debian
     *     package) or the address cannot be bound by this user (port 53 needs root)
     * @throws IOException when the address is in use, or the resolver exits or stays silent
     */
    public static ResolverProcess start(ResolverSpec spec) throws ResolverUnavailableException, IOException,
            InterruptedException {
        ResolverKind kind = spec.kind();
        Path binary = kind.locate(spec.binary());
        if (binary == null) {
            Path where = spec.binary() != null ? spec.binary() : kind.binary();
            throw new ResolverUnavailableException(kind.id() + " is not installed (no executable " + where
                    + "): install the Debian package '" + kind.debianPackage() + "' (apt-get install -y "
                    + kind.debianPackage() + ")", kind.debianPackage());
        }
        checkBindable(spec);
        ResolverConfig writer = ResolverConfig.of(kind);
        Path dir = Files.createTempDirectory("geodns-" + kind.id() + "-").toAbsolutePath();
        Path config = dir.resolve(writer.fileName());
        String text = writer.render(spec, dir);
        Files.writeString(config, text, StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(writer.command(binary, spec, dir))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            deleteTree(dir);
            throw e;
        }
        ResolverProcess rp = new ResolverProcess(spec, dir, config, text, p);
        LIVE.add(rp);
        try {
            rp.awaitReady(spec.startTimeout());
        } catch (IOException | InterruptedException | RuntimeException e) {
            rp.close();
            throw e;
        }
        return rp;
    }

    public ResolverSpec spec() {
        return spec;
    }

    /** The resolver's DNS address (UDP and TCP). */
    public InetSocketAddress address() {
        return spec.address();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The instance directory (config, pid, cache, control socket, output.log). */
    public Path directory() {
        return dir;
    }

    /** The config file as written (absolute path). */
    public Path configFile() {
        return configFile;
    }

    /** The config text as written. */
    public String configText() {
        return configText;
    }

    /** What the resolver has printed so far (stdout and stderr); empty after close. */
    public String output() {
        try {
            Path log = dir.resolve("output.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Empties the resolver's cache, ECS entries included, and waits until it answers again.
     * unbound: {@code unbound-control reload} ({@code flush_zone} leaves the subnet cache alone in
     * 1.17); pdns-recursor: {@code rec_control wipe-cache .$}; kresd: {@code cache.clear()} on its
     * control socket; dnsmasq: SIGHUP.
     */
    public void flushCache() throws IOException, InterruptedException {
        switch (spec.kind()) {
            case UNBOUND -> run(List.of(helper("unbound-control", "unbound").toString(), "-c", configFile.toString(),
                    "reload"));
            case PDNS_RECURSOR -> run(List.of(helper("rec_control", "pdns-recursor").toString(), "--socket-dir=" + dir,
                    "wipe-cache", ".$"));
            case KNOT_RESOLVER -> kresdControl("cache.clear()");
            // The JDK sends only SIGTERM and SIGKILL; the shell's built-in kill sends SIGHUP.
            case DNSMASQ -> run(List.of("/bin/sh", "-c", "kill -HUP " + pid()));
        }
        awaitReady(spec.startTimeout());
    }

    /** Stops the resolver by its PID (SIGTERM, SIGKILL after 3 s) and deletes its directory. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
            for (ProcessHandle c : children) {
                c.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            LIVE.remove(this);
            if (!Boolean.getBoolean(KEEP_PROPERTY)) {
                deleteTree(dir);
            }
        }
    }

    @Override
    public String toString() {
        return spec + " [pid " + pid() + (isAlive() ? "" : ", exited") + "]";
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(spec.kind().id() + " exited with status " + process.exitValue()
                        + " during start-up; its output:\n" + tail(output()) + "\nconfig:\n" + configText);
            }
            try {
                SimpleResolver r = new SimpleResolver(address());
                r.setTimeout(Duration.ofMillis(300));
                r.send(Message.newQuery(Record.newRecord(Name.fromConstantString(PROBE_NAME), Type.TXT, DClass.CH)));
                return; // any answer will do, even SERVFAIL or REFUSED
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(50);
        }
        throw new IOException(spec.kind().id() + " at " + address() + " did not answer within " + timeout.toMillis()
                + " ms (" + last + "); its output:\n" + tail(output()));
    }

    private static void checkBindable(ResolverSpec spec) throws ResolverUnavailableException, IOException {
        try (DatagramSocket s = new DatagramSocket(null)) {
            s.setReuseAddress(false);
            s.bind(spec.address());
        } catch (BindException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("ermission")) {
                throw new ResolverUnavailableException("cannot bind " + Hosts.text(spec.listen()) + ":" + spec.port()
                        + " for " + spec.kind().id() + ": " + m + " (port 53 needs root or CAP_NET_BIND_SERVICE)", null);
            }
            throw new IOException(Hosts.text(spec.listen()) + ":" + spec.port() + " is in use (" + m
                    + "): another resolver, maybe left over from an earlier run, holds it", e);
        } catch (SocketException e) {
            throw new IOException("cannot bind " + spec.address() + ": " + e.getMessage(), e);
        }
    }

    private Path helper(String name, String debianPackage) throws IOException {
        try {
            return Executables.require(name, debianPackage);
        } catch (ResolverUnavailableException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean done = p.waitFor(5, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readNBytes(64 * 1024), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within 5 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed with status " + p.exitValue() + ": " + out.trim());
        }
    }

    /** Sends one Lua command to kresd's control socket ({@code RUNDIR/control/PID}); returns its first reply (2 s at most). */
    private String kresdControl(String command) throws IOException {
        Path socket = dir.resolve("control").resolve(Long.toString(pid()));
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                Selector selector = Selector.open()) {
            ch.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ);
            ByteBuffer buf = ByteBuffer.allocate(4096);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (buf.position() == 0 && System.nanoTime() < deadline) {
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                selector.selectedKeys().clear();
                if (ch.read(buf) < 0) {
                    break;
                }
            }
            buf.flip();
            return StandardCharsets.UTF_8.decode(buf).toString();
        }
    }

    private static String tail(String s) {
        String[] lines = s.split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 30), lines.length));
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(s.sorted(Comparator.reverseOrder()).toList());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: a temporary directory left behind is harmless
        }
    }
}
