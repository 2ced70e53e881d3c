package dev.geodns.server.frontdoor;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code curl}, bounded in time; tests that need it are skipped where it is missing. */
final class Curl {
    private Curl() {
    }

    static void require() {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            found |= Files.isExecutable(Path.of(dir, "curl"));
        }
        assumeThat(found).as("curl is installed").isTrue();
    }

    /** What one curl run printed: the response headers (last response) and the -w output. */
    record Result(int exit, int status, Map<String, String> headers, String body, String written) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Runs {@code curl -sS --max-time 10 -D <headers> -o <body> -w <write> args...}.
     *
     * @param write the {@code -w} format, or null
     */
    static Result run(Path dir, String write, String... args) throws IOException, InterruptedException {
        Path headers = Files.createTempFile(dir, "headers", ".txt");
        Path body = Files.createTempFile(dir, "body", ".txt");
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10", "--noproxy", "*",
                "-D", headers.toString(), "-o", body.toString()));
        if (write != null) {
            cmd.add("-w");
            cmd.add(write);
        }
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("curl did not finish: " + cmd);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> h = new LinkedHashMap<>();
        int status = 0;
        for (String line : Files.readAllLines(headers, StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("HTTP/")) {
                h.clear();
                String[] parts = line.split(" ");
                status = parts.length > 1 ? Integer.parseInt(parts[1].strip()) : 0;
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                h.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        return new Result(p.exitValue(), status, h, Files.readString(body, StandardCharsets.UTF_8), out);
    }
}
