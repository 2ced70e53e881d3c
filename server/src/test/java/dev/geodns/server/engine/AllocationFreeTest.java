package dev.geodns.server.engine;

import static dev.geodns.server.engine.EngineFixture.SYDNEY;
import static dev.geodns.server.engine.EngineFixture.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.server.WorldState;
import dev.geodns.server.faults.FaultRules;
import dev.geodns.server.metrics.DnsMetrics;
import dev.geodns.server.proxy.ProxyFrom;
import dev.geodns.server.proxy.ProxyGate;
import dev.geodns.server.proxy.ProxyListener;
import dev.geodns.server.proxy.ProxySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Type;

/**
 * Once an answer is kept, answering allocates nothing: no dnsjava, no event, no per-query object
 * (measured with the JVM's per-thread allocation counter, around an allocator that hands out one
 * reused buffer so that only the engine's own allocations count), routed names included: routing
 * writes into the thread's {@code Route}, the policies keep their choices, and the metrics read the
 * routing facts rather than a decision object.
 */
class AllocationFreeTest {
    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 20_000;

    /** Hands out the same heap buffer (not leak-tracked) again and again. */
    private static final class OneBuffer extends AbstractByteBufAllocator {
        final ByteBuf buffer = Unpooled.buffer(4096, 4096);

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            return buffer.clear().retain();
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return newHeapBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }

    @Test
    void keptAnswersAllocateNothingWhateverTheTypeOrWildcard() {
        WorldState world = EngineFixture.state();
        QueryEngine engine = new QueryEngine(world::current, new DnsMetrics(new SimpleMeterRegistry()));
        OneBuffer alloc = new OneBuffer();
        ByteBuf[] queries = {
            query("www.example.org.", Type.A, null),
            query("Some.Name.W.types.example.", Type.A, null), // wildcard
            query("other.w.types.example.", Type.TXT, new OPTRecord(1232, 0, 0)), // wildcard, EDNS
            query("a.cn.types.example.", Type.A, null), // wildcard CNAME chain
            query("www.types.example.", Type.CAA, null),
            query("www.types.example.", Type.NAPTR, null), // a type no name has: NODATA
            query("_sip._tcp.types.example.", Type.SRV, null),
            query("nx.types.example.", Type.A, null), // NXDOMAIN
            query("deep.sub.example.org.", Type.A, null), // referral
            query("example.net.", Type.A, null), // refused
        };
        try {
            assertThat(bytesPerCall(i -> answer(engine, alloc, queries, i))).as("bytes allocated per query").isLessThan(8);
            assertThat(alloc.buffer.refCnt()).isEqualTo(1);
        } finally {
            for (ByteBuf q : queries) {
                q.release();
            }
            alloc.buffer.release();
        }
    }

    @Test
    void routedAnswersAllocateNothingWithTheServersMetrics() {
        WorldState world = EngineFixture.state();
        QueryEngine engine = new QueryEngine(world::current, new DnsMetrics(new SimpleMeterRegistry()));
        OneBuffer alloc = new OneBuffer();
        ByteBuf[] queries = {
            query("outlook.office365.com.", Type.A, null), // nearest, through the CNAME chain
            query("portal.office.com.", Type.AAAA, null), // nearest
            query("contoso.sharepoint.com.", Type.A, null), // active, per tenant
            query("fabrikam-my.sharepoint.com.", Type.A, new OPTRecord(1232, 0, 0)), // active, EDNS
            query("partner.outlook.cn.", Type.A, null), // nearest in the sovereign cloud
        };
        try {
            assertThat(bytesPerCall(i -> answer(engine, alloc, queries, i)))
                    .as("bytes allocated per routed query (engine's buffer)").isLessThan(8);

            // the recvmmsg loop's way: the answer written into the loop's own buffer
            ByteBuf slot = Unpooled.buffer(QueryEngine.MAX_UDP_RESPONSE, QueryEngine.MAX_UDP_RESPONSE);
            int[] elsewhere = {0};
            long perQuery = bytesPerCall(i -> {
                if (engine.handleUdpInto(queries[i % queries.length], SYDNEY, slot) != slot) {
                    elsewhere[0]++;
                }
            });
            assertThat(elsewhere[0]).as("answers not written into the caller's buffer").isZero();
            assertThat(perQuery).as("bytes allocated per routed query (caller's buffer)").isLessThan(8);
            assertThat(slot.refCnt()).isEqualTo(1);
            slot.release();
        } finally {
            for (ByteBuf q : queries) {
                q.release();
            }
            alloc.buffer.release();
        }
    }

    /** The one answer built per query: it allocates, but a bounded few hundred bytes. */
    @Test
    void whoamiAllocatesLittle() {
        WorldState world = EngineFixture.state();
        QueryEngine engine = new QueryEngine(world::current, new DnsMetrics(new SimpleMeterRegistry()));
        OneBuffer alloc = new OneBuffer();
        ByteBuf[] queries = {query("whoami.geodns.test.", Type.TXT, new OPTRecord(1232, 0, 0))};
        try {
            long perQuery = bytesPerCall(i -> answer(engine, alloc, queries, i));
            System.out.println("whoami: " + perQuery + " bytes allocated per query");
            assertThat(perQuery).as("bytes allocated per whoami query").isGreaterThan(0).isLessThan(2048);
            assertThat(alloc.buffer.refCnt()).isEqualTo(1);
        } finally {
            queries[0].release();
            alloc.buffer.release();
        }
    }

    @Test
    void proxiedQueriesFromResolversSeenBeforeAllocateNothing() {
        WorldState world = EngineFixture.state();
        QueryEngine engine = new QueryEngine(world::current, new DnsMetrics(new SimpleMeterRegistry()),
                new FaultRules(), new ProxyGate(new ProxySettings(ProxyFrom.parse("127.0.9.0/24"), ProxyListener.NONE)));
        InetSocketAddress proxy = new InetSocketAddress("127.0.9.1", 5300);
        OneBuffer alloc = new OneBuffer();
        ByteBuf[] queries = new ByteBuf[8];
        for (int i = 0; i < queries.length; i++) {
            ByteBuf q = query(i % 2 == 0 ? "www.example.org." : "nx.types.example.", Type.A, null);
            ByteBuf header = Unpooled.buffer();
            header.writeLong(0x0D0A0D0A000D0A51L).writeInt(0x5549540A).writeByte(0x21).writeByte(0x12).writeShort(12)
                    .writeInt(0x7F000100 + i).writeInt(0x7F000001).writeShort(40000 + i).writeShort(53);
            queries[i] = header.writeBytes(q);
            q.release();
        }
        try {
            long perQuery = bytesPerCall(i -> engine.handle(queries[i % queries.length], proxy, Transport.UDP, alloc)
                    .release());
            for (ByteBuf q : queries) {
                assertThat(q.readerIndex()).as("the header is the engine's to skip, not to consume").isZero();
            }
            assertThat(perQuery).as("bytes allocated per proxied query").isLessThan(8);
        } finally {
            for (ByteBuf q : queries) {
                q.release();
            }
            alloc.buffer.release();
        }
    }

    /** Answers query {@code i} (of {@code queries}, in turn) from Sydney, into the allocator's one buffer. */
    private static void answer(QueryEngine engine, OneBuffer alloc, ByteBuf[] queries, int i) {
        engine.handle(queries[i % queries.length], SYDNEY, Transport.UDP, alloc).release();
    }

    /** The bytes this thread allocates per call of {@code call} (given the call's number), after a warm-up. */
    private static long bytesPerCall(IntConsumer call) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARM_UP; i++) {
            call.accept(i);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < MEASURED; i++) {
            call.accept(i);
        }
        return (threads.getCurrentThreadAllocatedBytes() - before) / MEASURED;
    }
}
