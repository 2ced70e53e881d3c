package dev.geodns.server.e2e;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code dig} (BIND's dnsutils). In CI ({@code CI} set) a missing dig is a failure,
 * since {@code .ci/run} installs it; on a developer machine without it the test is skipped.
 */
final class Dig {
    private Dig() {
    }

    static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "dig"))) {
                return true;
            }
        }
        return false;
    }

    static void require() {
        if (System.getenv("CI") == null) {
            assumeThat(available()).as("dig is installed (apt-get install dnsutils)").isTrue();
        } else if (!available()) {
            throw new AssertionError("dig not installed: .ci/run must install dnsutils");
        }
    }

    /** Runs {@code dig @server -p port args...} and returns its output. */
    static String run(InetSocketAddress server, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("dig", "@" + server.getAddress().getHostAddress(),
                "-p", String.valueOf(server.getPort()), "+time=3", "+tries=1"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("dig did not finish: " + cmd);
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
