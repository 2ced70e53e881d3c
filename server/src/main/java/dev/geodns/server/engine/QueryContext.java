package dev.geodns.server.engine;

import dev.geodns.config.model.Service;
import dev.geodns.config.model.Site;
import dev.geodns.server.dns.Template;
import dev.geodns.server.dns.WireQuery;
import dev.geodns.server.faults.Fault;
import dev.geodns.server.faults.FaultRule;
import dev.geodns.server.geo.ClientSubnet;
import dev.geodns.server.geo.LocationOrigin;
import dev.geodns.server.routing.Route;
import dev.geodns.server.routing.RoutingDecision;
import java.net.InetSocketAddress;

/**
 * Everything the engine knows about the query it is answering on this thread: the decoded query,
 * where the lookup ended, the routing decision, and the outcome. One per thread, reused for every
 * query, so answering allocates nothing; it is also the {@link AnsweredQuery} view observers get.
 * Not thread-safe.
 */
final class QueryContext implements AnsweredQuery {
    final WireQuery query = new WireQuery();
    final Lookup lookup = new Lookup();
    /** Where routing writes, reused for every query of the thread. */
    final Route route = new Route();
    /** The countdown to the next query this thread times. */
    private int untilTimed;

    private Transport transport;
    private InetSocketAddress sender;
    private InetSocketAddress proxy;
    private long start;
    /** Whether an observer reads decision objects: only then is the decision kept (see {@link #routed}). */
    private boolean keepDecision;
    private int ecsScope;
    private RoutingDecision decision;
    /** The routing facts, kept whether or not anyone observes (references to the world's objects). */
    private Service service;
    private Site site;
    private String policy;
    private boolean locatedByEcs;
    private LocationOrigin locatedBy;
    private Fault fault;
    /** The delay a fault asks for this response; read by the transport after the engine returns. */
    long delayNanos;
    private ClientSubnet clientSubnet;
    private int rcode;
    private boolean truncated;
    private long nanos;
    private QueryEvent event;

    /**
     * Starts a query; reads the clock when this one is to be timed.
     *
     * @param observed whether any observer listens (then queries are timed)
     * @param keepDecision whether an observer reads routing decision objects
     */
    void begin(Transport transport, InetSocketAddress sender, InetSocketAddress proxy, boolean observed,
            boolean timeEvery, boolean keepDecision) {
        this.transport = transport;
        this.sender = sender;
        this.proxy = proxy;
        this.keepDecision = keepDecision;
        boolean timed = observed && (timeEvery || untilTimed-- == 0);
        if (untilTimed < 0) {
            untilTimed = QueryEngine.TIMING_SAMPLE - 1;
        }
        this.start = timed ? System.nanoTime() : QueryObserver.NOT_TIMED;
        this.ecsScope = 0;
        unrouted();
        this.fault = null;
        this.delayNanos = 0;
        this.clientSubnet = null;
        this.event = null;
    }

    /**
     * Records what routing decided. The decision object is made only when an observer reads it:
     * otherwise routing a query makes no object at all.
     */
    void routed(Route route) {
        this.ecsScope = route.ecsScope();
        this.service = route.service();
        this.site = route.site();
        this.policy = route.policy();
        this.locatedByEcs = route.fromEcs();
        this.locatedBy = route.locatedBy();
        if (keepDecision) {
            this.decision = route.decision();
        }
    }

    /** Records the ECS scope of an answer built without a routing decision of its own (whoami). */
    void scoped(int scope) {
        this.ecsScope = scope;
    }

    /** Forgets the routing decision (the answer failed: the client gets SERVFAIL, scope 0). */
    void unrouted() {
        this.ecsScope = 0;
        this.decision = null;
        this.service = null;
        this.site = null;
        this.policy = null;
        this.locatedByEcs = false;
        this.locatedBy = null;
    }

    /** The id of the site routing chose, or null when the answer needed no routing. */
    String siteId() {
        return site == null ? null : site.id();
    }

    /**
     * Records that {@code rule} applies to this query; returns the answer to write instead of
     * {@code answer}. A SERVFAIL or REFUSED fault replaces the answer and its ECS scope (the routing
     * decision stays known to observers); the others change how it is sent.
     */
    Template faulted(FaultRule rule, Template answer) {
        this.fault = rule.fault();
        switch (rule.fault()) {
            case SERVFAIL:
                ecsScope = 0;
                return HeaderOnly.SERVFAIL;
            case REFUSED:
                ecsScope = 0;
                return HeaderOnly.REFUSED;
            case DELAY:
                delayNanos = rule.drawDelayNanos();
                return answer;
            default:
                return answer;
        }
    }

    /** The scope the reply's ECS option carries: the decision's, else 0 (RFC 7871 7.2.1). */
    int ecsScope() {
        return ecsScope;
    }

    /** The query's ECS option as the router takes it, made on first use (null without ECS). */
    ClientSubnet clientSubnet() {
        if (clientSubnet == null && query.hasEcs()) {
            clientSubnet = new ClientSubnet(query.ecsFamily(), query.ecsSourcePrefix(), 0, query.ecsAddress());
        }
        return clientSubnet;
    }

    /** Records the outcome, once the response is written. */
    void finish(int rcode, boolean truncated) {
        this.rcode = rcode;
        this.truncated = truncated;
        this.nanos = start == QueryObserver.NOT_TIMED ? QueryObserver.NOT_TIMED : System.nanoTime() - start;
    }

    /** Drops references to this query's objects, so the thread does not keep them (or a world) alive. */
    void clear() {
        sender = null;
        proxy = null;
        unrouted();
        route.clear();
        clientSubnet = null;
        event = null;
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public InetSocketAddress sender() {
        return sender;
    }

    @Override
    public InetSocketAddress proxy() {
        return proxy;
    }

    @Override
    public int id() {
        return query.id();
    }

    @Override
    public int qtype() {
        return query.qtype();
    }

    @Override
    public int qclass() {
        return query.qclass();
    }

    @Override
    public boolean hasEcs() {
        return query.hasEcs();
    }

    @Override
    public RoutingDecision decision() {
        return decision;
    }

    @Override
    public Service routedService() {
        return service;
    }

    @Override
    public Site routedSite() {
        return site;
    }

    @Override
    public String routedPolicy() {
        return policy;
    }

    @Override
    public boolean locatedByEcs() {
        return locatedByEcs;
    }

    @Override
    public LocationOrigin locatedBy() {
        return locatedBy;
    }

    @Override
    public int rcode() {
        return rcode;
    }

    @Override
    public boolean truncated() {
        return truncated;
    }

    @Override
    public long nanos() {
        return nanos;
    }

    @Override
    public Fault fault() {
        return fault;
    }

    @Override
    public QueryEvent event() {
        if (event == null) {
            event = new QueryEvent(transport, sender, proxy, query.id(), query.nameText(), query.qtype(), query.qclass(),
                    clientSubnet(), decision, rcode, query.hasEcs() ? ecsScope() : -1, truncated, nanos);
        }
        return event;
    }
}
