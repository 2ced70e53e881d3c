package dev.geodns.testbed.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the system's programs ({@code ip}, {@code dig}, {@code curl}) with a time limit and their output captured. */
final class Commands {
    private Commands() {
    }

    /** What a program printed and how it ended. */
    record Result(int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }
    }

    /** Runs {@code command}; exit -1 when it did not finish within {@code timeout} (it is then killed). */
    static Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null")));
        Process p = pb.start();
        // Both pipes drained on their own threads: a full pipe would stall the program.
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        Thread o = drain(p.getInputStream(), out);
        Thread e = drain(p.getErrorStream(), err);
        boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            p.destroyForcibly();
            p.waitFor(2, TimeUnit.SECONDS);
        }
        o.join(2000);
        e.join(2000);
        return new Result(done ? p.exitValue() : -1, out.toString(), err.toString());
    }

    /** Runs {@code command} and fails with its error output unless it exits 0. */
    static String check(List<String> command) throws IOException, InterruptedException {
        Result r = run(command, Duration.ofSeconds(20));
        if (!r.ok()) {
            throw new IOException(String.join(" ", command) + " failed (exit " + r.exit() + "): " + r.err().trim());
        }
        return r.out();
    }

    /** {@code ip ARGS...}. */
    static String ip(String... args) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of("ip"));
        c.addAll(List.of(args));
        return check(c);
    }

    /** {@code ip ARGS...}, ignoring failure (teardown of what may be gone already). */
    static Result ipQuietly(String... args) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of("ip"));
        c.addAll(List.of(args));
        return run(c, Duration.ofSeconds(20));
    }

    /** {@code ip netns exec NS COMMAND...}. */
    static List<String> inNamespace(String namespace, List<String> command) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        c.addAll(command);
        return c;
    }

    private static Thread drain(java.io.InputStream in, StringBuilder to) {
        Thread t = new Thread(() -> {
            try {
                to.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the process went away; what was read is kept
            }
        }, "lab-command-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
