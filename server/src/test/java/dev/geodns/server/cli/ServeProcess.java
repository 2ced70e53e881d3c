package dev.geodns.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code geodns ...} as a child JVM on the test class path, its output read on a daemon thread so
 * that every wait on it is bounded. Closing stops it with SIGTERM by PID, then by force.
 */
final class ServeProcess implements AutoCloseable {
    private static final String EOF = "<eof>";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder seen = new StringBuilder();
    private final Thread reader;

    private ServeProcess(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the child went away
            }
            lines.add(EOF);
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code geodns ARGS...}. */
    static ServeProcess start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ServeProcess(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }

    /** Starts {@code geodns ARGS...} from a shell that first runs {@code prelude} (e.g. {@code trap '' HUP}). */
    static ServeProcess startAfter(String prelude, String... args) throws IOException {
        StringBuilder script = new StringBuilder(prelude).append("; exec \"$0\" -cp \"$1\" ").append(Main.class.getName());
        for (String a : args) {
            script.append(' ').append(a);
        }
        return new ServeProcess(new ProcessBuilder("sh", "-c", script.toString(), java(),
                System.getProperty("java.class.path")).redirectErrorStream(true).start());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    Process process() {
        return process;
    }

    /** All output read so far, once it holds a line containing {@code marker}, or the process ended, or the time is up. */
    String readUntil(String marker, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!seen.toString().contains(marker) && System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            if (line.equals(EOF)) {
                lines.add(EOF);
                break;
            }
            seen.append(line).append('\n');
        }
        return seen.toString();
    }

    /** Sends SIGTERM by PID and waits up to {@code seconds} for the exit; true when it exited. */
    boolean terminate(int seconds) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    /** Everything the process wrote, after it ended (waits up to 5 s for the reader). */
    String allOutput() throws InterruptedException {
        reader.join(5000);
        readUntil(EOF, 1);
        return seen.toString();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive() && !terminate(15)) {
            process.destroyForcibly();
        }
    }
}
