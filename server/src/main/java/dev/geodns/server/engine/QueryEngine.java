package dev.geodns.server.engine;

import dev.geodns.server.dns.DecodeResult;
import dev.geodns.server.dns.QueryDecoder;
import dev.geodns.server.dns.ResponseWriter;
import dev.geodns.server.dns.WireQuery;
import dev.geodns.server.routing.RoutingDecision;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Answers one query packet: the order of query handling, written down in one place (see also docs/architecture.md).
 *
 * <ol>
 *   <li>decode header, question and OPT in place ({@link QueryDecoder}); drop or FORMERR/NOTIMP/BADVERS;
 *   <li>CHAOS identity names; classes other than IN -> REFUSED;
 *   <li>match the name in the current {@link Snapshot} (case-insensitive, allocation-free);
 *       outside every zone -> REFUSED; below a delegation -> referral; missing -> NXDOMAIN;
 *   <li>when the name's answer depends on a service's routing: locate and route ({@code Router});
 *   <li>take the precomputed answer for (name, type, site), building it once on first use;
 *   <li>write header, the question as received, the answer and OPT (ECS scope, NSID);
 *       truncate with TC over UDP when it does not fit.
 * </ol>
 *
 * <p>Thread-safe: the world is read through one volatile reference per query, and the decoded
 * query lives in a per-thread buffer.
 */
public final class QueryEngine {
    private static final FastThreadLocal<WireQuery> QUERY = new FastThreadLocal<>() {
        @Override
        protected WireQuery initialValue() {
            return new WireQuery();
        }
    };

    /** One query in this many is timed, unless the observer asks for every answer's time. */
    public static final int TIMING_SAMPLE = 16;

    private final Supplier<ServingState> state;
    private final QueryObserver observer;
    private final boolean timeEveryQuery;

    public QueryEngine(Supplier<ServingState> state, QueryObserver observer) {
        this.state = state;
        this.observer = observer;
        this.timeEveryQuery = observer.timesEveryAnswer();
    }

    /**
     * Answers {@code packet} (not released here) from {@code sender}; returns the response, or null
     * when the packet is to be dropped. Never throws for bad input.
     */
    public ByteBuf handle(ByteBuf packet, InetSocketAddress sender, Transport transport, ByteBufAllocator alloc) {
        WireQuery q = QUERY.get();
        long start = timeEveryQuery || q.untilTimed-- == 0 ? System.nanoTime() : QueryObserver.NOT_TIMED;
        if (q.untilTimed < 0) {
            q.untilTimed = TIMING_SAMPLE - 1;
        }
        DecodeResult result = QueryDecoder.decode(packet, q);
        ServingState s = state.get();
        Identity identity = s.snapshot().identity;
        int maxSize = transport == Transport.UDP
                ? (q.hasOpt ? Math.min(q.udpPayloadSize, ResponseWriter.EDNS_PAYLOAD) : 512)
                : 65535;
        switch (result) {
            case DROP:
                observer.dropped(transport);
                return null;
            case FORMERR:
                return respond(alloc, packet, q, null, Rcode.FORMERR, false, maxSize, 0, identity, transport, null, start, sender);
            case NOTIMP:
                return respond(alloc, packet, q, null, Rcode.NOTIMP, false, maxSize, 0, identity, transport, null, start, sender);
            case BADVERS:
                return respond(alloc, packet, q, null, Rcode.BADVERS, false, maxSize, 0, identity, transport, null, start, sender);
            default:
                break;
        }
        try {
            return answer(packet, sender, transport, alloc, q, s, identity, maxSize, start);
        } catch (RuntimeException e) {
            // A bug must cost one SERVFAIL, never the worker (the transport counts the error).
            observer.failed(transport, e);
            return respond(alloc, packet, q, null, Rcode.SERVFAIL, false, maxSize, 0, identity, transport, null, start, sender);
        }
    }

    private ByteBuf answer(ByteBuf packet, InetSocketAddress sender, Transport transport, ByteBufAllocator alloc,
            WireQuery q, ServingState s, Identity identity, int maxSize, long start) {
        if (q.qclass == DClass.CH) {
            Template t = identity.chaos.answer(q.nameText(), q.qtype);
            return respond(alloc, packet, q, t, t == null ? Rcode.REFUSED : t.rcode, t != null, maxSize, 0,
                    identity, transport, null, start, sender);
        }
        if (q.qclass != DClass.IN && q.qclass != DClass.ANY) {
            return respond(alloc, packet, q, null, Rcode.REFUSED, false, maxSize, 0, identity, transport, null, start, sender);
        }
        if (q.qtype == Type.OPT || (q.qtype >= 128 && q.qtype <= 250)) {
            // OPT and meta types other than transfers/ANY cannot be asked for (RFC 6895 3.1).
            return respond(alloc, packet, q, null, Rcode.FORMERR, false, maxSize, 0, identity, transport, null, start, sender);
        }
        if (q.qtype == Type.AXFR || q.qtype == Type.IXFR || q.qtype == Type.MAILA || q.qtype == Type.MAILB) {
            return respond(alloc, packet, q, null, Rcode.REFUSED, false, maxSize, 0, identity, transport, null, start, sender);
        }
        Snapshot snapshot = s.snapshot();
        AnswerBuilder builder = snapshot.builder;
        RoutingDecision decision = null;
        Template t;
        Node node = snapshot.find(q.name, 0, q.nameLength);
        if (node != null && node.zone != null) {
            if (node.cut != null && !(q.qtype == Type.DS && node == node.cut)) {
                t = referral(builder, node.cut);
            } else {
                int site = -1;
                Binding b = node.binding;
                if (b != null) {
                    decision = s.router().route(b.service(), b.tenant(), sender.getAddress(), q.clientSubnet);
                    site = decision.siteIndex();
                }
                int slot = Node.slot(q.qtype);
                t = slot >= 0 ? node.cached(slot, site) : null;
                if (t == null) {
                    t = builder.build(node.name, q.qtype, b, site);
                    if (slot >= 0) {
                        node.store(slot, t);
                    }
                }
            }
        } else {
            Node encloser = snapshot.closestEncloser(q.name, q.nameLength);
            if (encloser == null || encloser.zone == null) {
                t = snapshot.refused;
            } else if (encloser.cut != null) {
                t = referral(builder, encloser.cut);
            } else if (encloser.wildcard != null) {
                Binding b = encloser.wildcard.binding;
                int site = -1;
                if (b != null) {
                    decision = s.router().route(b.service(), b.tenant(), sender.getAddress(), q.clientSubnet);
                    site = decision.siteIndex();
                }
                // Wildcard answers carry the asked name as owner: built per query (rare; allocates).
                t = builder.build(Name.fromConstantString(q.nameText()), q.qtype, b, site);
            } else {
                Zone zone = encloser.zone;
                t = zone.nxdomain;
                if (t == null) {
                    t = builder.nxdomain(zone);
                    zone.nxdomain = t;
                }
            }
        }
        int scope = decision == null ? 0 : decision.ecsScope();
        return respond(alloc, packet, q, t, t.rcode, t.authoritative, maxSize, scope, identity, transport, decision, start, sender);
    }

    private static Template referral(AnswerBuilder builder, Node cut) {
        Template t = cut.referral;
        if (t == null) {
            t = builder.referral(cut);
            cut.referral = t;
        }
        return t;
    }

    private ByteBuf respond(ByteBufAllocator alloc, ByteBuf packet, WireQuery q, Template t, int rcode,
            boolean authoritative, int maxSize, int scope, Identity identity, Transport transport,
            RoutingDecision decision, long start, InetSocketAddress sender) {
        ByteBuf out = t == null
                ? ResponseWriter.write(alloc, q, null, 0, 0, 0, rcode, authoritative, maxSize, scope, identity.nsid)
                : ResponseWriter.write(alloc, q, t.body, t.ancount, t.nscount, t.arcount, rcode,
                        authoritative, maxSize, scope, identity.nsid);
        boolean truncated = (out.getByte(out.readerIndex() + 2) & 0x02) != 0;
        long nanos = start == QueryObserver.NOT_TIMED ? QueryObserver.NOT_TIMED : System.nanoTime() - start;
        observer.answered(transport, q, sender, rcode, decision, truncated, nanos);
        return out;
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
