package dev.geodns.server.cluster;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * dnsdist (the Debian package) as a child process in front of replicas, with PROXY v2 to each and
 * health checks every second; stopped by its own PID. Every configuration turns the security poll
 * off (it would send a DNS query to the outside).
 */
final class Dnsdist implements AutoCloseable {
    static final String BINARY = "/usr/bin/dnsdist";

    final InetSocketAddress listen;
    final InetSocketAddress web;
    final Process process;
    final Path log;

    private Dnsdist(InetSocketAddress listen, InetSocketAddress web, Process process, Path log) {
        this.listen = listen;
        this.web = web;
        this.process = process;
        this.log = log;
    }

    static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    /** Skips without dnsdist, unless in CI, where it must be installed. */
    static void require() {
        boolean present = Files.isExecutable(Path.of(BINARY));
        if (!inCi()) {
            assumeThat(present).as("dnsdist is installed (apt-get install dnsdist)").isTrue();
        } else if (!present) {
            throw new AssertionError("dnsdist not installed: .ci/run must apt-get install dnsdist");
        }
    }

    /** The configuration for {@code backends}, each sent PROXY v2 from {@code source}. */
    static String config(InetSocketAddress listen, InetSocketAddress web, String source, List<InetSocketAddress> backends) {
        String servers = backends.stream().map(b -> String.format(
                "newServer{address=\"%s:%d\", useProxyProtocol=true, source=\"%s\", checkName=\"example.org.\","
                        + " checkType=\"SOA\", checkInterval=1, checkTimeout=300, maxCheckFailures=1, rise=1}",
                b.getAddress().getHostAddress(), b.getPort(), source))
                .collect(Collectors.joining("\n"));
        return "setSecurityPollSuffix(\"\")\n"
                + "setLocal(\"" + listen.getAddress().getHostAddress() + ":" + listen.getPort() + "\")\n"
                + "setACL({\"127.0.0.0/8\"})\n"
                + "webserver(\"" + web.getAddress().getHostAddress() + ":" + web.getPort() + "\")\n"
                + "setWebserverConfig({apiKey=\"lab\", password=\"lab\", acl=\"127.0.0.0/8\"})\n"
                + servers + "\n";
    }

    static Dnsdist start(Path dir, String listenHost, String source, List<InetSocketAddress> backends)
            throws IOException {
        InetSocketAddress listen = new InetSocketAddress(listenHost, freePort(listenHost));
        InetSocketAddress web = new InetSocketAddress(listenHost, freePort(listenHost));
        Path conf = dir.resolve("dnsdist.conf");
        Files.writeString(conf, config(listen, web, source, backends));
        Path log = dir.resolve("dnsdist.log");
        Process p = new ProcessBuilder(BINARY, "--supervised", "--disable-syslog", "-C", conf.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Dnsdist(listen, web, p, log);
    }

    /** A port free for both UDP and TCP on {@code host} now. */
    static int freePort(String host) throws IOException {
        for (int i = 0; i < 20; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(host, port))) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no free port on " + host);
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
