package dev.geodns.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.config.LoopbackAnswerPlan;
import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.World;
import dev.geodns.server.geo.Location;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed HTTP, oversized heads and bodies, slow clients, TLS garbage and connection floods get a
 * clear status or a closed connection, and the front door keeps answering afterwards; a listener that
 * cannot bind is reported by address and reason.
 */
class FrontDoorBadInputTest {
    @TempDir
    static Path dir;
    static FrontDoorLab lab;
    static InetSocketAddress http;
    static InetSocketAddress https;

    @BeforeAll
    static void start() throws Exception {
        lab = FrontDoorLab.start(dir.resolve("state"), Duration.ofSeconds(1));
        http = lab.doors.listener("fra", FrontDoors.Scheme.HTTP).address();
        https = lab.doors.listener("fra", FrontDoors.Scheme.HTTPS).address();
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void garbageGetsA400AndTheConnectionCloses() throws Exception {
        String answer = exchange(http, "THIS IS NOT HTTP\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400 ").contains("connection: close");
        assertStillAnswering();
    }

    @Test
    void oversizedHeadersGet431() throws Exception {
        String answer = exchange(http, "GET /owa/ HTTP/1.1\r\nHost: outlook.office365.com\r\nX-Big: "
                + "a".repeat(20_000) + "\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 431 ");
        assertThat(rejected("headers-too-large")).isPositive();
        assertStillAnswering();
    }

    @Test
    void anOverlongRequestLineGets414() throws Exception {
        String answer = exchange(http, "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 414 ");
        assertStillAnswering();
    }

    @Test
    void anOversizedBodyGets413() throws Exception {
        String answer = exchange(http, "POST /owa/ HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\nabc");
        assertThat(answer).startsWith("HTTP/1.1 413 ");
        assertThat(rejected("body-too-large")).isPositive();
    }

    @Test
    void aSlowlorisClientGets408WithinTheRequestTimeout() throws Exception {
        try (Socket s = connect(http)) {
            OutputStream out = s.getOutputStream();
            out.write("GET /owa/ HTTP/1.1\r\nHost: outlook.office365.com\r\n".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            String answer = null;
            // One header byte every 200 ms: each read resets no timer; the request deadline (1 s) ends it.
            for (int i = 0; i < 40 && answer == null; i++) {
                try {
                    out.write('X');
                    out.flush();
                } catch (SocketException closed) {
                    break;
                }
                s.setSoTimeout(200);
                try {
                    answer = readAll(s.getInputStream());
                } catch (SocketTimeoutException stillOpen) {
                    answer = null;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(answer).startsWith("HTTP/1.1 408 ");
            assertThat(seconds).isBetween(0.5, 4.0);
        }
        assertThat(rejected("timeout")).isPositive();
        assertStillAnswering();
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        try (Socket s = connect(http)) {
            s.setSoTimeout(5000);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void tlsGarbageAndSilentTlsClientsAreClosed() throws Exception {
        try (Socket s = connect(https)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readOrReset(s.getInputStream())).isEqualTo(-1);
        }
        try (Socket s = connect(https)) {
            s.setSoTimeout(5000);
            assertThat(readOrReset(s.getInputStream())).as("no handshake within the request timeout").isEqualTo(-1);
        }
        assertThat(rejected("tls")).isPositive();
        assertStillAnswering();
    }

    @Test
    void beyondTheConnectionCapNewConnectionsAreClosed() throws Exception {
        World world = LoopbackAnswerPlan.apply(WorldLoader.builtIn());
        FrontDoorOptions options = FrontDoorOptions.defaults().withPorts(FrontDoorLab.freePort(), -1)
                .withStateDir(dir.resolve("cap")).withLimits(Duration.ofSeconds(5), 16 * 1024, 2);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (FrontDoors doors = FrontDoors.start(() -> world, () -> a -> Location.UNKNOWN, options, registry,
                new RecentDecisions(8, Duration.ofMinutes(1)))) {
            InetSocketAddress a = doors.listener("syd", FrontDoors.Scheme.HTTP).address();
            try (Socket one = connect(a); Socket two = connect(a); Socket three = connect(a)) {
                // Two event loops take the connections up, so which of the three is the one too many may vary.
                int closed = 0;
                for (Socket s : new Socket[] {one, two, three}) {
                    s.setSoTimeout(1500);
                    try {
                        closed += readOrReset(s.getInputStream()) == -1 ? 1 : 0;
                    } catch (SocketTimeoutException open) {
                        // still open: within the cap
                    }
                }
                assertThat(closed).isEqualTo(1);
                assertThat(registry.get(FrontDoorMetrics.REJECTED).tag("reason", "connection-cap").counter().count())
                        .isEqualTo(1.0);
            }
        }
    }

    @Test
    void aListenerThatCannotBindIsNamedAndTheOthersServe() throws Exception {
        World world = LoopbackAnswerPlan.apply(WorldLoader.builtIn());
        Site syd = world.site("syd").orElseThrow();
        int port = FrontDoorLab.freePort();
        try (ServerSocket taken = new ServerSocket(port, 1, syd.ipv4().get(0));
                FrontDoors doors = FrontDoors.start(world, a -> Location.UNKNOWN,
                        FrontDoorOptions.defaults().withPorts(port, -1).withStateDir(dir.resolve("bind")))) {
            assertThat(doors.failures()).hasSize(1);
            FrontDoors.Failure f = doors.failures().get(0);
            assertThat(f.toString()).contains("syd").contains(syd.ipv4().get(0).getHostAddress() + ":" + port)
                    .containsIgnoringCase("in use");
            assertThat(doors.listeners()).hasSize(world.sites().stream().mapToInt(s -> s.ipv4().size()).sum() - 1);
            String answer = exchange(new InetSocketAddress(syd.ipv4().get(1), port),
                    "GET /geodns/whoami HTTP/1.1\r\nHost: outlook.office365.com\r\nConnection: close\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 200 ").contains("\"id\":\"syd\"");
        }
    }

    private static void assertStillAnswering() throws IOException {
        String answer = exchange(http, "GET /owa/ HTTP/1.1\r\nHost: outlook.office365.com\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200 ").containsIgnoringCase("x-feserver: FRA-FE01");
    }

    private static double rejected(String reason) {
        return lab.registry.get(FrontDoorMetrics.REJECTED).tag("reason", reason).counter().count();
    }

    private static Socket connect(InetSocketAddress a) throws IOException {
        Socket s = new Socket();
        s.connect(a, 3000);
        return s;
    }

    /** Sends {@code request} and reads until the server closes (bounded by a 10 s read timeout). */
    private static String exchange(InetSocketAddress a, String request) throws IOException {
        try (Socket s = connect(a)) {
            s.setSoTimeout(10_000);
            try {
                s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            } catch (SocketException closedEarly) {
                // the server may answer and close before a large request is written whole
            }
            return readAll(s.getInputStream()).toLowerCase(java.util.Locale.ROOT).replaceFirst("^http", "HTTP");
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] b = new byte[4096];
        try {
            for (int n; (n = in.read(b)) >= 0; ) {
                buf.write(b, 0, n);
            }
        } catch (SocketException reset) {
            // a reset after the answer still leaves the answer
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    private static int readOrReset(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketException reset) {
            return -1;
        }
    }
}
