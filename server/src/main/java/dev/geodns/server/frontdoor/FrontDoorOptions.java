package dev.geodns.server.frontdoor;

import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.Place;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How the front doors listen and behave; every knob has a default fit for {@code serve}. Immutable:
 * the {@code with...} methods return a changed copy.
 *
 * @param httpPort plain HTTP port on every front-door address (0 picks a free port per address, -1 none)
 * @param httpsPort HTTPS port on every front-door address (0 picks a free port per address, -1 none)
 * @param stateDir where the lab CA is kept between runs
 * @param loopbackOnly bind only addresses in 127.0.0.0/8 and ::1 (off only inside an isolated lab namespace)
 * @param jitterMs extra delay drawn uniformly from [0, jitterMs] per request
 * @param lossRate share of requests that pay one retransmission timeout on top (0.0 .. 1.0)
 * @param requestTimeout a whole request (TLS handshake and headers included) must arrive within this
 *     after the connection opens or the previous answer left; else 408 and close
 * @param maxHeaderBytes the largest request header block accepted (431 beyond)
 * @param maxConnections concurrent connections over all front doors; beyond, a new one is closed at once
 * @param threads event-loop threads shared by all front doors
 * @param decisionWindow how far back a DNS decision of the same client counts as the one a request followed
 * @param defaultTenant the tenant of a request that names none, or null for the first tenant of the cloud
 * @param requestLog receives one JSON line per answered request, or null
 * @param tunnels VPN tunnel exits: a source address in one of these networks is a tunnel's exit at its
 *     office (located there as usual), and the request began at the client's place given here, so the
 *     delay adds the tunnel leg client -> office (empty: no tunnels)
 */
public record FrontDoorOptions(
        int httpPort,
        int httpsPort,
        Path stateDir,
        boolean loopbackOnly,
        double jitterMs,
        double lossRate,
        Duration requestTimeout,
        int maxHeaderBytes,
        int maxConnections,
        int threads,
        Duration decisionWindow,
        String defaultTenant,
        Consumer<String> requestLog,
        Map<Cidr, Place> tunnels) {

    public static final int DEFAULT_HTTP_PORT = 80;
    public static final int DEFAULT_HTTPS_PORT = 443;

    public FrontDoorOptions {
        checkPort(httpPort, "HTTP");
        checkPort(httpsPort, "HTTPS");
        if (!(jitterMs >= 0)) {
            throw new IllegalArgumentException("jitter must be >= 0 ms, not " + jitterMs);
        }
        if (!(lossRate >= 0 && lossRate <= 1)) {
            throw new IllegalArgumentException("loss rate must be within 0.0..1.0, not " + lossRate);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive");
        }
        tunnels = Map.copyOf(tunnels);
        if (maxHeaderBytes < 1024 || maxConnections < 1 || threads < 1) {
            throw new IllegalArgumentException("header limit >= 1024 bytes, connections >= 1 and threads >= 1");
        }
    }

    /** Ports 80 and 443, state in {@code ~/.geodns}, loopback only, no jitter or loss, 20 s request timeout, no tunnels. */
    public static FrontDoorOptions defaults() {
        return new FrontDoorOptions(DEFAULT_HTTP_PORT, DEFAULT_HTTPS_PORT,
                Path.of(System.getProperty("user.home"), ".geodns"), true, 0, 0, Duration.ofSeconds(20),
                16 * 1024, 10_000, 2, Duration.ofMinutes(5), null, null, Map.of());
    }

    public FrontDoorOptions withPorts(int http, int https) {
        return new FrontDoorOptions(http, https, stateDir, loopbackOnly, jitterMs, lossRate, requestTimeout,
                maxHeaderBytes, maxConnections, threads, decisionWindow, defaultTenant, requestLog, tunnels);
    }

    public FrontDoorOptions withStateDir(Path dir) {
        return new FrontDoorOptions(httpPort, httpsPort, dir, loopbackOnly, jitterMs, lossRate, requestTimeout,
                maxHeaderBytes, maxConnections, threads, decisionWindow, defaultTenant, requestLog, tunnels);
    }

    public FrontDoorOptions withLoopbackOnly(boolean only) {
        return new FrontDoorOptions(httpPort, httpsPort, stateDir, only, jitterMs, lossRate, requestTimeout,
                maxHeaderBytes, maxConnections, threads, decisionWindow, defaultTenant, requestLog, tunnels);
    }

    public FrontDoorOptions withJitterAndLoss(double jitter, double loss) {
        return new FrontDoorOptions(httpPort, httpsPort, stateDir, loopbackOnly, jitter, loss, requestTimeout,
                maxHeaderBytes, maxConnections, threads, decisionWindow, defaultTenant, requestLog, tunnels);
    }

    public FrontDoorOptions withLimits(Duration timeout, int headerBytes, int connections) {
        return new FrontDoorOptions(httpPort, httpsPort, stateDir, loopbackOnly, jitterMs, lossRate, timeout,
                headerBytes, connections, threads, decisionWindow, defaultTenant, requestLog, tunnels);
    }

    public FrontDoorOptions withDefaultTenant(String tenant) {
        return new FrontDoorOptions(httpPort, httpsPort, stateDir, loopbackOnly, jitterMs, lossRate, requestTimeout,
                maxHeaderBytes, maxConnections, threads, decisionWindow, tenant, requestLog, tunnels);
    }

    public FrontDoorOptions withRequestLog(Consumer<String> log) {
        return new FrontDoorOptions(httpPort, httpsPort, stateDir, loopbackOnly, jitterMs, lossRate, requestTimeout,
                maxHeaderBytes, maxConnections, threads, decisionWindow, defaultTenant, log, tunnels);
    }

    /** The same options with these VPN tunnel exits (see {@link #tunnels()}). */
    public FrontDoorOptions withTunnels(Map<Cidr, Place> exits) {
        return new FrontDoorOptions(httpPort, httpsPort, stateDir, loopbackOnly, jitterMs, lossRate, requestTimeout,
                maxHeaderBytes, maxConnections, threads, decisionWindow, defaultTenant, requestLog, exits);
    }

    private static void checkPort(int port, String what) {
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException(what + " port " + port + " is not within -1..65535");
        }
    }
}
