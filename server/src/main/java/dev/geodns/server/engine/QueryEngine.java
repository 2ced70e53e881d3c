package dev.geodns.server.engine;

import dev.geodns.server.dns.DecodeResult;
import dev.geodns.server.dns.QueryDecoder;
import dev.geodns.server.dns.ResponseWriter;
import dev.geodns.server.dns.Template;
import dev.geodns.server.dns.WireQuery;
import dev.geodns.server.faults.Fault;
import dev.geodns.server.faults.FaultRule;
import dev.geodns.server.faults.FaultRules;
import dev.geodns.server.proxy.ProxyGate;
import dev.geodns.server.routing.Route;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Type;

/**
 * Answers one query packet: the order of query handling, written down in one place (see also docs/architecture.md).
 *
 * <ol>
 *   <li>decode header, question and OPT in place ({@link QueryDecoder}); drop or FORMERR/NOTIMP/BADVERS;
 *   <li>CHAOS identity names; classes other than IN -> REFUSED;
 *   <li>the whoami name asked for TXT: the one answer built per query ({@link WhoAmIAnswer});
 *   <li>walk the name in the current {@link Snapshot} once ({@link Snapshot#lookup}: case-insensitive,
 *       allocation-free): the name, a referral below a delegation, a wildcard, NXDOMAIN, or REFUSED
 *       outside every zone;
 *   <li>when the answer depends on a service's routing: locate and route ({@code Router});
 *   <li>take the kept answer for where the walk ended, (type, site) ({@link AnswerCache});
 *   <li>apply the first matching {@link FaultRules fault rule}, if any is set (one volatile read when none);
 *   <li>write header, the question as received, the answer and OPT (ECS scope, NSID); truncate
 *       with TC over UDP when it does not fit; tell the observers.
 * </ol>
 *
 * <p>Thread-safe: the world is read through one volatile reference per query, and the query's
 * state lives in a per-thread {@link QueryContext}. The response buffer is the caller's on return,
 * and released here on every other path.
 */
public final class QueryEngine {
    private static final FastThreadLocal<QueryContext> CONTEXT = new FastThreadLocal<>() {
        @Override
        protected QueryContext initialValue() {
            return new QueryContext();
        }
    };

    /** The largest UDP response: {@link ResponseWriter#EDNS_PAYLOAD}, the cap of every UDP answer. */
    public static final int MAX_UDP_RESPONSE = ResponseWriter.EDNS_PAYLOAD;

    /** One query in this many is timed, unless an observer asks for every answer's time. */
    public static final int TIMING_SAMPLE = 16;

    private final Supplier<ServingState> state;
    private final GuardedObservers observers;
    private final FaultRules faults;
    /** PROXY v2 on UDP, or null when no proxy is trusted (then it costs nothing). */
    private final ProxyGate proxyGate;

    public QueryEngine(Supplier<ServingState> state, QueryObserver observer) {
        this(state, observer, new FaultRules(), null);
    }

    /**
     * An engine that applies {@code faults} (rules switched on and off while it serves) and, with a
     * non-null {@code proxyGate}, believes PROXY v2 headers on UDP from trusted proxies.
     */
    public QueryEngine(Supplier<ServingState> state, QueryObserver observer, FaultRules faults, ProxyGate proxyGate) {
        this.state = state;
        this.observers = new GuardedObservers(observer);
        this.faults = faults;
        this.proxyGate = proxyGate;
    }

    /**
     * The delay a {@link Fault#DELAY} rule asks for the response {@link #handle} last returned on
     * this thread, in nanoseconds; 0 to send it at once. Transports that can schedule a send (the
     * Netty ones, on their event loop) ask this after each response.
     */
    public long replyDelayNanos() {
        return faults.active() ? CONTEXT.get().delayNanos : 0;
    }

    /**
     * Answers {@code packet} (not released here) from {@code sender}; returns the response, or null
     * when the packet is to be dropped. Never throws for bad input, nor for a faulty observer.
     */
    public ByteBuf handle(ByteBuf packet, InetSocketAddress sender, Transport transport, ByteBufAllocator alloc) {
        return handleProxied(packet, sender, transport, alloc, null);
    }

    /**
     * Answers a UDP {@code packet} like {@link #handle(ByteBuf, InetSocketAddress, Transport,
     * ByteBufAllocator)}, writing the response into {@code into} (cleared first; the caller's, never
     * released here, with room for {@value #MAX_UDP_RESPONSE} bytes) rather than a buffer of its own.
     * Returns {@code into}, or null when the packet is to be dropped.
     */
    public ByteBuf handleUdpInto(ByteBuf packet, InetSocketAddress sender, ByteBuf into) {
        return handleProxied(packet, sender, Transport.UDP, null, into);
    }

    /**
     * Answers {@code packet} for {@code sender}, which a trusted {@code proxy} named in a PROXY header
     * (null when the query came directly); for transports that read the header once per connection.
     */
    public ByteBuf handle(ByteBuf packet, InetSocketAddress sender, InetSocketAddress proxy, Transport transport,
            ByteBufAllocator alloc) {
        return respond(packet, sender, proxy, transport, alloc, null);
    }

    private ByteBuf handleProxied(ByteBuf packet, InetSocketAddress sender, Transport transport,
            ByteBufAllocator alloc, ByteBuf into) {
        ProxyGate gate = proxyGate;
        if (gate == null || transport != Transport.UDP) {
            return respond(packet, sender, null, transport, alloc, into);
        }
        // Every UDP path (Netty and the recvmmsg loop) passes here: a proxy sends a header per datagram.
        int start = packet.readerIndex();
        InetSocketAddress carried = gate.strip(packet, sender);
        if (carried == null) {
            return null; // counted by the gate
        }
        try {
            return respond(packet, carried, carried == sender ? null : sender, transport, alloc, into);
        } finally {
            packet.readerIndex(start);
        }
    }

    /** The one path every query takes; the response goes into {@code into}, or a buffer from {@code alloc} when null. */
    private ByteBuf respond(ByteBuf packet, InetSocketAddress sender, InetSocketAddress proxy, Transport transport,
            ByteBufAllocator alloc, ByteBuf into) {
        QueryContext c = CONTEXT.get();
        c.begin(transport, sender, proxy, observers.any(), observers.timesEveryAnswer(), observers.readsDecisions());
        try {
            WireQuery q = c.query;
            DecodeResult result = QueryDecoder.decode(packet, q);
            if (result == DecodeResult.DROP) {
                observers.dropped(transport);
                return null;
            }
            ServingState s = state.get();
            Identity identity = s.snapshot().identity;
            Template answer;
            try {
                answer = result == DecodeResult.OK ? answer(c, s, identity) : headerOnly(result);
            } catch (RuntimeException e) {
                answer = failed(c, transport, e); // a bug costs one SERVFAIL, never the worker
            }
            FaultRule fault = null;
            if (faults.active() && result == DecodeResult.OK) {
                fault = faults.apply(q.nameText(), q.qtype(), c.siteId(), transport == Transport.UDP);
                if (fault != null) {
                    if (fault.fault() == Fault.DROP) {
                        return null;
                    }
                    answer = c.faulted(fault, answer);
                }
            }
            int maxSize = fault != null && fault.fault() == Fault.TRUNCATE
                    ? 0 : ResponseWriter.maxSize(q, transport == Transport.UDP);
            ByteBuf out;
            try {
                out = write(alloc, into, q, answer, maxSize, c.ecsScope(), identity.nsid);
            } catch (RuntimeException e) {
                answer = failed(c, transport, e);
                out = write(alloc, into, q, answer, maxSize, 0, identity.nsid);
            }
            if (fault != null && fault.fault() == Fault.WRONG_ID) {
                out.setShort(out.readerIndex(), (q.id() + 1) & 0xffff);
            }
            boolean success = false;
            try {
                c.finish(answer.rcode(), ResponseWriter.truncated(out));
                observers.answered(c);
                success = true;
                return out;
            } finally {
                if (!success && out != into) {
                    out.release();
                }
            }
        } finally {
            c.clear();
        }
    }

    private static ByteBuf write(ByteBufAllocator alloc, ByteBuf into, WireQuery q, Template answer, int maxSize,
            int ecsScope, byte[] nsid) {
        return into == null ? ResponseWriter.write(alloc, q, answer, maxSize, ecsScope, nsid)
                : ResponseWriter.writeInto(into.clear(), q, answer, maxSize, ecsScope, nsid);
    }

    /** How many times an observer threw (each also logged, rate-limited, and told to every observer). */
    public long observerFailures() {
        return observers.failures();
    }

    private Template failed(QueryContext c, Transport transport, RuntimeException e) {
        observers.failed(transport, e);
        c.unrouted();
        return HeaderOnly.SERVFAIL;
    }

    private static Template headerOnly(DecodeResult result) {
        switch (result) {
            case FORMERR:
                return HeaderOnly.FORMERR;
            case NOTIMP:
                return HeaderOnly.NOTIMP;
            case BADVERS:
                return HeaderOnly.BADVERS;
            default:
                throw new IllegalArgumentException("no header-only answer for " + result);
        }
    }

    private static Template answer(QueryContext c, ServingState s, Identity identity) {
        WireQuery q = c.query;
        int qclass = q.qclass();
        int qtype = q.qtype();
        if (qclass == DClass.CH) {
            Template t = identity.chaos.answer(q.name(), q.nameLength(), qtype);
            return t == null ? HeaderOnly.REFUSED : t;
        }
        if (qclass != DClass.IN && qclass != DClass.ANY) {
            return HeaderOnly.REFUSED;
        }
        if (qtype == Type.OPT || (qtype >= 128 && qtype <= 250)) {
            // OPT and meta types other than transfers/ANY cannot be asked for (RFC 6895 3.1).
            return HeaderOnly.FORMERR;
        }
        if (qtype == Type.AXFR || qtype == Type.IXFR || qtype == Type.MAILA || qtype == Type.MAILB) {
            return HeaderOnly.REFUSED;
        }
        Snapshot snapshot = s.snapshot();
        if (snapshot.whoami != null && snapshot.whoami.matches(q.name(), q.nameLength(), qtype)) {
            return snapshot.whoami.answer(c, s.router());
        }
        Lookup lookup = c.lookup;
        snapshot.lookup(q.name(), q.nameLength(), qtype, lookup);
        int site = -1;
        Binding b = lookup.binding();
        if (b != null) {
            Route route = s.router().routeInto(b.service(), b.tenant(), c.sender().getAddress(), c.clientSubnet(),
                    b.service().honoursEcs(), c.route);
            c.routed(route);
            site = route.siteIndex();
        }
        return snapshot.answers.answer(lookup, qtype, site);
    }

    /** What the server says about itself (NSID, CHAOS names). */
    static final class Identity {
        final byte[] nsid;
        final ChaosAnswers chaos;

        Identity(String id, String version) {
            this.nsid = id.getBytes(StandardCharsets.UTF_8);
            this.chaos = new ChaosAnswers(id, version);
        }
    }
}
