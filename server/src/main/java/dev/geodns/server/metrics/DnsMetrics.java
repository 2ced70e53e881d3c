package dev.geodns.server.metrics;

import dev.geodns.config.model.Service;
import dev.geodns.config.model.Site;
import dev.geodns.server.engine.AnsweredQuery;
import dev.geodns.server.engine.QueryObserver;
import dev.geodns.server.engine.Transport;
import dev.geodns.server.geo.LocationOrigin;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * The meters of the query path, and the {@link QueryObserver} that feeds them. Every meter name and
 * tag of this component is defined here and listed in {@code server/README.md} ("Metrics").
 *
 * <p>Called on the event loop for every query, so no tag is built per query: counters whose tags
 * come from small closed sets (transport, qtype, rcode, locator source and origin) sit in arrays
 * indexed by small ints and are registered on first use; answer counters (service, policy, site:
 * bounded by the world file) are cached by the identity of the world's own {@code Service} and
 * {@code Site} objects. No tag ever holds a client address or a query name. Thread-safe.
 */
public final class DnsMetrics implements QueryObserver {
    /** Counter: every query answered, by {@link #TRANSPORT}, {@link #QTYPE}, {@link #RCODE}. */
    public static final String QUERIES = "geodns.queries";
    /** Counter: answers that needed routing, by {@link #SERVICE}, {@link #POLICY}, {@link #SITE}. */
    public static final String ANSWERS = "geodns.answers";
    /** Counter: locator results of routed queries, by {@link #SOURCE} and {@link #ORIGIN}. */
    public static final String LOCATOR = "geodns.locator.results";
    /** Counter: answered queries that carried an EDNS Client Subnet option. */
    public static final String ECS_PRESENT = "geodns.ecs.present";
    /** Counter: routed queries located by their ECS address (RFC 7871) rather than their source. */
    public static final String ECS_USED = "geodns.ecs.used";
    /** Counter: UDP answers cut short with TC set, by {@link #TRANSPORT}. */
    public static final String TRUNCATED = "geodns.truncated";
    /** Counter: packets dropped unanswered (unreadable header, or a response), by {@link #TRANSPORT}. */
    public static final String DROPPED = "geodns.dropped";
    /** Counter: queries whose answering failed with an exception (a bug) and got SERVFAIL, by {@link #TRANSPORT}. */
    public static final String FAILURES = "geodns.query.failures";
    /** Counter: times a query observer (metrics, decision log, an embedder's) threw; the clients got their answers. */
    public static final String OBSERVER_FAILURES = "geodns.observer.failures";
    /**
     * Timer (histogram with fixed buckets): time from packet read to response built, by {@link #TRANSPORT},
     * for the queries the engine times (one in {@link dev.geodns.server.engine.QueryEngine#TIMING_SAMPLE} per
     * thread unless the decision log is on, then every one).
     */
    public static final String DURATION = "geodns.query.duration";

    /** Every meter name of this component. */
    public static final List<String> NAMES = List.of(QUERIES, ANSWERS, LOCATOR, ECS_PRESENT, ECS_USED, TRUNCATED,
            DROPPED, FAILURES, OBSERVER_FAILURES, DURATION);

    public static final String TRANSPORT = "transport";
    public static final String QTYPE = "qtype";
    public static final String RCODE = "rcode";
    public static final String SERVICE = "service";
    public static final String POLICY = "policy";
    public static final String SITE = "site";
    public static final String SOURCE = "source";
    public static final String ORIGIN = "origin";

    /** Values of {@link #TRANSPORT}, by {@link Transport#ordinal()}. */
    static final String[] TRANSPORTS = {"udp", "tcp"};
    /** Values of {@link #QTYPE}: the common types, every other type is {@code OTHER}. */
    static final String[] QTYPES = {"A", "AAAA", "CNAME", "NS", "SOA", "MX", "TXT", "PTR", "SRV", "CAA", "DS",
        "DNSKEY", "HTTPS", "SVCB", "ANY", "OTHER"};
    /** Values of {@link #RCODE}: the codes the server writes, anything else is {@code OTHER}. */
    static final String[] RCODES = {"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "BADVERS",
        "OTHER"};
    /** Values of {@link #SOURCE}: which address was located. */
    static final String[] SOURCES = {"ecs", "source-address"};
    /** Values of {@link #ORIGIN}, by {@link LocationOrigin#ordinal()}. */
    static final String[] ORIGINS = {"lab-network", "geoip", "unknown"};

    /** Histogram buckets: the engine answers in microseconds; the tail shows GC and GeoIP misses. */
    private static final Duration[] BUCKETS = {
        micros(2), micros(5), micros(10), micros(25), micros(50), micros(100), micros(250), micros(500),
        micros(1_000), micros(2_500), micros(5_000), micros(10_000), micros(50_000)};

    private final MeterRegistry registry;
    private final AtomicReferenceArray<Counter> queries =
            new AtomicReferenceArray<>(TRANSPORTS.length * QTYPES.length * RCODES.length);
    private final Counter[] locator = new Counter[SOURCES.length * ORIGINS.length];
    private final Counter[] truncated = new Counter[TRANSPORTS.length];
    private final Counter[] dropped = new Counter[TRANSPORTS.length];
    private final Counter[] failures = new Counter[TRANSPORTS.length];
    private final Timer[] duration = new Timer[TRANSPORTS.length];
    private final Counter ecsPresent;
    private final Counter ecsUsed;
    private final Counter observerFailures;
    private final IdentityCache<Service, IdentityCache<Site, Counter>> answers = new IdentityCache<>(1024);

    public DnsMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (int t = 0; t < TRANSPORTS.length; t++) {
            truncated[t] = Counter.builder(TRUNCATED).description("answers truncated (TC) to fit the UDP payload size")
                    .tag(TRANSPORT, TRANSPORTS[t]).register(registry);
            dropped[t] = Counter.builder(DROPPED).description("packets dropped unanswered (malformed, or responses)")
                    .tag(TRANSPORT, TRANSPORTS[t]).register(registry);
            failures[t] = Counter.builder(FAILURES).description("queries answered SERVFAIL because answering failed")
                    .tag(TRANSPORT, TRANSPORTS[t]).register(registry);
            duration[t] = Timer.builder(DURATION).description("time from packet read to response built, of the queries timed")
                    .tag(TRANSPORT, TRANSPORTS[t]).serviceLevelObjectives(BUCKETS).register(registry);
        }
        for (int s = 0; s < SOURCES.length; s++) {
            for (int o = 0; o < ORIGINS.length; o++) {
                locator[s * ORIGINS.length + o] = Counter.builder(LOCATOR)
                        .description("routed queries by the address located and the source that placed it")
                        .tags(SOURCE, SOURCES[s], ORIGIN, ORIGINS[o]).register(registry);
            }
        }
        ecsPresent = Counter.builder(ECS_PRESENT).description("queries carrying an EDNS Client Subnet option")
                .register(registry);
        ecsUsed = Counter.builder(ECS_USED).description("routed queries located by their ECS address")
                .register(registry);
        observerFailures = Counter.builder(OBSERVER_FAILURES)
                .description("query observers that threw (logged, rate-limited; the clients got their answers)")
                .register(registry);
    }

    /** Counting needs the routing facts only, not the decision object (which then need not be made). */
    @Override
    public boolean readsDecisions() {
        return false;
    }

    /** Reads only the view's primitive accessors and the routing facts: counting a query allocates nothing. */
    @Override
    public void answered(AnsweredQuery query) {
        int t = query.transport().ordinal();
        queries(t, qtypeIndex(query.qtype()), rcodeIndex(query.rcode())).increment();
        long nanos = query.nanos();
        if (nanos != NOT_TIMED) {
            duration[t].record(nanos, TimeUnit.NANOSECONDS);
        }
        if (query.truncated()) {
            truncated[t].increment();
        }
        if (query.hasEcs()) {
            ecsPresent.increment();
        }
        Service service = query.routedService();
        if (service != null) {
            boolean fromEcs = query.locatedByEcs();
            if (fromEcs) {
                ecsUsed.increment();
            }
            locator[(fromEcs ? 0 : ORIGINS.length) + query.locatedBy().ordinal()].increment();
            answers(service, query.routedSite(), query.routedPolicy()).increment();
        }
    }

    @Override
    public void dropped(Transport transport) {
        dropped[transport.ordinal()].increment();
    }

    @Override
    public void failed(Transport transport, Throwable cause) {
        failures[transport.ordinal()].increment();
    }

    @Override
    public void observerFailed(Throwable cause) {
        observerFailures.increment();
    }

    private Counter queries(int transport, int qtype, int rcode) {
        int i = (transport * QTYPES.length + qtype) * RCODES.length + rcode;
        Counter c = queries.get(i);
        if (c == null) {
            // Registering is idempotent: two threads racing here get the same counter.
            c = Counter.builder(QUERIES).description("queries answered")
                    .tags(TRANSPORT, TRANSPORTS[transport], QTYPE, QTYPES[qtype], RCODE, RCODES[rcode])
                    .register(registry);
            queries.set(i, c);
        }
        return c;
    }

    private Counter answers(Service service, Site site, String policy) {
        IdentityCache<Site, Counter> bySite = answers.get(service);
        if (bySite == null) {
            bySite = answers.putIfAbsent(service, new IdentityCache<>(1024));
        }
        Counter c = bySite.get(site);
        if (c == null) {
            c = bySite.putIfAbsent(site, Counter.builder(ANSWERS).description("routed answers by the site chosen")
                    .tags(SERVICE, service.id(), POLICY, policy, SITE, site.id())
                    .register(registry));
        }
        return c;
    }

    /** The index of {@code qtype} in {@link #QTYPES}. */
    static int qtypeIndex(int qtype) {
        switch (qtype) {
            case Type.A: return 0;
            case Type.AAAA: return 1;
            case Type.CNAME: return 2;
            case Type.NS: return 3;
            case Type.SOA: return 4;
            case Type.MX: return 5;
            case Type.TXT: return 6;
            case Type.PTR: return 7;
            case Type.SRV: return 8;
            case Type.CAA: return 9;
            case Type.DS: return 10;
            case Type.DNSKEY: return 11;
            case Type.HTTPS: return 12;
            case Type.SVCB: return 13;
            case Type.ANY: return 14;
            default: return QTYPES.length - 1;
        }
    }

    /** The index of {@code rcode} in {@link #RCODES}. */
    static int rcodeIndex(int rcode) {
        switch (rcode) {
            case Rcode.NOERROR: return 0;
            case Rcode.FORMERR: return 1;
            case Rcode.SERVFAIL: return 2;
            case Rcode.NXDOMAIN: return 3;
            case Rcode.NOTIMP: return 4;
            case Rcode.REFUSED: return 5;
            case Rcode.BADVERS: return 6;
            default: return RCODES.length - 1;
        }
    }

    private static Duration micros(long us) {
        return Duration.ofNanos(us * 1_000);
    }
}
