package dev.geodns.server.metrics;

import dev.geodns.server.transport.TransportListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of the DNS listeners (TCP connections, contained errors), and the
 * {@link TransportListener} that feeds them. Every meter name of this component is defined here and
 * listed in {@code server/README.md} ("Metrics"). Thread-safe; never blocks.
 */
public final class TransportMetrics implements TransportListener {
    /** Gauge: TCP connections open now. */
    public static final String TCP_OPEN = "geodns.tcp.connections.open";
    /** Counter: TCP connections accepted. */
    public static final String TCP_OPENED = "geodns.tcp.connections.opened";
    /** Counter: TCP connections closed at once because the concurrent-connection cap was reached. */
    public static final String TCP_REFUSED = "geodns.tcp.connections.refused";
    /** Counter: exceptions caught and contained by a listener (the worker kept serving). */
    public static final String ERRORS = "geodns.transport.errors";

    /** Every meter name of this component. */
    public static final List<String> NAMES = List.of(TCP_OPEN, TCP_OPENED, TCP_REFUSED, ERRORS);

    private final AtomicInteger open = new AtomicInteger();
    private final Counter opened;
    private final Counter refused;
    private final Counter errors;

    public TransportMetrics(MeterRegistry registry) {
        Gauge.builder(TCP_OPEN, open, AtomicInteger::get).description("TCP connections open now")
                .strongReference(true).register(registry);
        opened = Counter.builder(TCP_OPENED).description("TCP connections accepted").register(registry);
        refused = Counter.builder(TCP_REFUSED).description("TCP connections refused at the connection cap")
                .register(registry);
        errors = Counter.builder(ERRORS).description("exceptions contained by the DNS listeners").register(registry);
    }

    @Override
    public void tcpOpened() {
        open.incrementAndGet();
        opened.increment();
    }

    @Override
    public void tcpClosed() {
        open.decrementAndGet();
    }

    @Override
    public void tcpRefused() {
        refused.increment();
    }

    @Override
    public void error(Throwable cause) {
        errors.increment();
    }

    /** TCP connections open now, as counted from the listener's calls. */
    public int openConnections() {
        return open.get();
    }
}
