package dev.geodns.server.frontdoor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The front doors' meters, all named here and listed in this package's README. Tags take values from
 * closed sets or the world's site ids only; client addresses and host names never become tags.
 * Thread-safe.
 */
public final class FrontDoorMetrics {
    public static final String REQUESTS = "geodns.front.door.requests";
    public static final String DELAY = "geodns.front.door.delay";
    public static final String REJECTED = "geodns.front.door.rejected";
    public static final String CONNECTIONS = "geodns.front.door.connections.open";
    public static final String LISTENERS = "geodns.front.door.listeners";

    /** Every meter name this class registers. */
    public static final List<String> NAMES = List.of(REQUESTS, DELAY, REJECTED, CONNECTIONS, LISTENERS);

    /** Why a connection or request was refused without an ordinary answer. */
    public enum Rejection {
        MALFORMED("malformed"),
        HEADERS_TOO_LARGE("headers-too-large"),
        LINE_TOO_LONG("line-too-long"),
        BODY_TOO_LARGE("body-too-large"),
        TIMEOUT("timeout"),
        TLS("tls"),
        CONNECTION_CAP("connection-cap"),
        NO_SITE("no-site"),
        ERROR("error");

        private final String tag;

        Rejection(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private final MeterRegistry registry;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger bound = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    public FrontDoorMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(CONNECTIONS, open, AtomicInteger::get)
                .description("connections open now on all front doors").register(registry);
        Gauge.builder(LISTENERS, bound, AtomicInteger::get).tag("state", "bound")
                .description("front-door listeners (address and port) by state").register(registry);
        Gauge.builder(LISTENERS, failed, AtomicInteger::get).tag("state", "failed")
                .description("front-door listeners (address and port) by state").register(registry);
        for (Rejection r : Rejection.values()) {
            rejectedCounter(r);
        }
    }

    /** An answered request: which site, which kind of answer, how it relates to DNS, the delay applied. */
    void request(String site, String persona, RecentDecisions.Link link, Duration delay) {
        Counter.builder(REQUESTS).tags("site", site, "persona", persona, "dns_decision", link.tag())
                .description("requests answered by a front door").register(registry).increment();
        Timer.builder(DELAY).tag("site", site).description("modelled delay applied before answering")
                .register(registry).record(delay);
    }

    void rejected(Rejection reason) {
        rejectedCounter(reason).increment();
    }

    private Counter rejectedCounter(Rejection reason) {
        return Counter.builder(REJECTED).tag("reason", reason.tag())
                .description("connections or requests refused without an ordinary answer").register(registry);
    }

    void opened() {
        open.incrementAndGet();
    }

    void closed() {
        open.decrementAndGet();
    }

    int openConnections() {
        return open.get();
    }

    void listeners(int boundCount, int failedCount) {
        bound.set(boundCount);
        failed.set(failedCount);
    }
}
