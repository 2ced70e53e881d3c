package dev.geodns.server.metrics;

import dev.geodns.server.engine.Transport;
import dev.geodns.server.proxy.ProxyListener;
import dev.geodns.server.proxy.ProxyRejection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * The meters of the PROXY protocol check, and the {@link ProxyListener} that feeds them. Every meter
 * name of this component is defined here and listed in {@code server/README.md} ("Metrics").
 * Counters are registered up front and indexed by small ints: counting allocates nothing.
 */
public final class ProxyMetrics implements ProxyListener {
    /** Counter: queries (UDP) or connections (TCP) dropped at the PROXY check, by transport and {@link #REASON}. */
    public static final String DROPPED = "geodns.proxy.dropped";
    public static final String REASON = "reason";

    /** Every meter name of this component. */
    public static final List<String> NAMES = List.of(DROPPED);

    private final Counter[] dropped = new Counter[DnsMetrics.TRANSPORTS.length * ProxyRejection.values().length];

    public ProxyMetrics(MeterRegistry registry) {
        for (Transport t : Transport.values()) {
            for (ProxyRejection r : ProxyRejection.values()) {
                dropped[index(t, r)] = Counter.builder(DROPPED)
                        .description("queries (UDP) or connections (TCP) dropped at the PROXY protocol check")
                        .tags(DnsMetrics.TRANSPORT, DnsMetrics.TRANSPORTS[t.ordinal()], REASON, r.tag())
                        .register(registry);
            }
        }
    }

    @Override
    public void rejected(Transport transport, ProxyRejection reason) {
        dropped[index(transport, reason)].increment();
    }

    /** How many were dropped for {@code reason} over {@code transport}. */
    public double count(Transport transport, ProxyRejection reason) {
        return dropped[index(transport, reason)].count();
    }

    private static int index(Transport t, ProxyRejection r) {
        return t.ordinal() * ProxyRejection.values().length + r.ordinal();
    }
}
