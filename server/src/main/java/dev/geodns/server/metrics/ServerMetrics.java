package dev.geodns.server.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's Prometheus registry and the meters of the query path and the listeners, created
 * together before the server starts; the world and decision-log meters join it once those exist.
 * Thread-safe.
 */
public final class ServerMetrics {
    /** The content type of {@link #scrape()}: the Prometheus text exposition format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DnsMetrics dns = new DnsMetrics(registry);
    private final TransportMetrics transport = new TransportMetrics(registry);
    private final ProxyMetrics proxy = new ProxyMetrics(registry);

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The query observer to give {@code GeoDnsServer.Builder#observer}. */
    public DnsMetrics dns() {
        return dns;
    }

    /** The transport listener to give {@code GeoDnsServer.Builder#transportListener}. */
    public TransportMetrics transport() {
        return transport;
    }

    /** The PROXY protocol listener to give {@code ProxySettings}. */
    public ProxyMetrics proxy() {
        return proxy;
    }

    /** Every meter in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    /** The Micrometer name of every meter any component may register (each is listed in the README). */
    public static List<String> meterNames() {
        List<String> all = new ArrayList<>();
        all.addAll(DnsMetrics.NAMES);
        all.addAll(TransportMetrics.NAMES);
        all.addAll(ProxyMetrics.NAMES);
        all.addAll(WorldMetrics.NAMES);
        all.addAll(DecisionLogMetrics.NAMES);
        all.addAll(FaultMetrics.NAMES);
        return all;
    }
}
