package dev.geodns.server.engine;

import static dev.geodns.server.engine.EngineFixture.SYDNEY;
import static dev.geodns.server.engine.EngineFixture.parse;
import static dev.geodns.server.engine.EngineFixture.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodns.server.WorldState;
import dev.geodns.server.engine.EngineFixture.CountingAllocator;
import dev.geodns.server.metrics.DnsMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The engine's promises about buffers and observers: the response is handed out with one
 * reference and every other buffer is released, whatever throws; a throwing observer costs a
 * count, not an answer; observers get the facts of each query, and an event only when they ask.
 */
class QueryEngineTest {
    private final WorldState world = EngineFixture.state();

    /** An observer that throws on every answer, counting its calls. */
    private static final class Throwing implements QueryObserver {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void answered(AnsweredQuery query) {
            calls.incrementAndGet();
            throw new IllegalStateException("observer bug");
        }
    }

    private static double count(MeterRegistry registry, String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void aThrowingObserverCostsACountNotTheAnswer() {
        MeterRegistry registry = new SimpleMeterRegistry();
        Throwing throwing = new Throwing();
        QueryEngine engine = new QueryEngine(world::current, throwing.andThen(new DnsMetrics(registry)));
        CountingAllocator alloc = new CountingAllocator(false);
        ByteBuf packet = query("www.example.org.", Type.A, null);
        ByteBuf out = engine.handle(packet, SYDNEY, Transport.UDP, alloc);
        try {
            assertThat(out.refCnt()).isEqualTo(1);
            assertThat(alloc.unreleasedOtherThan(out)).isEmpty();
            Message m = parse(out);
            assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(m.getSection(Section.ANSWER)).hasSize(1);
        } finally {
            out.release();
            packet.release();
        }
        assertThat(out.refCnt()).isZero();
        assertThat(throwing.calls).hasValue(1);
        assertThat(engine.observerFailures()).isEqualTo(1);
        assertThat(count(registry, DnsMetrics.OBSERVER_FAILURES)).isEqualTo(1);
        // The observer after the throwing one still heard of the query.
        assertThat(count(registry, DnsMetrics.QUERIES, DnsMetrics.QTYPE, "A", DnsMetrics.RCODE, "NOERROR")).isEqualTo(1);
    }

    @Test
    void anObserverErrorEscapesButTheResponseIsReleased() {
        QueryObserver fatal = query -> {
            throw new StackOverflowError("observer recursion");
        };
        QueryEngine engine = new QueryEngine(world::current, fatal);
        CountingAllocator alloc = new CountingAllocator(false);
        ByteBuf packet = query("www.example.org.", Type.A, null);
        try {
            assertThatThrownBy(() -> engine.handle(packet, SYDNEY, Transport.UDP, alloc))
                    .isInstanceOf(StackOverflowError.class);
        } finally {
            packet.release();
        }
        assertThat(alloc.made).hasSize(1);
        assertThat(alloc.unreleasedOtherThan(null)).isEmpty();
    }

    @Test
    void aFailingAnswerIsServfailAndAThrowingObserverLeaksNothingOnThatPathEither() {
        MeterRegistry registry = new SimpleMeterRegistry();
        // No router: routing a service name fails (a stand-in for any bug on the answer path).
        ServingState broken = new ServingState(world.current().world(), world.current().snapshot(), null, 1,
                world.current().loadedAt());
        Throwing throwing = new Throwing();
        QueryEngine engine = new QueryEngine(() -> broken, new DnsMetrics(registry).andThen(throwing));
        CountingAllocator alloc = new CountingAllocator(false);
        ByteBuf packet = query("outlook.office365.com.", Type.A, null);
        ByteBuf out = engine.handle(packet, SYDNEY, Transport.TCP, alloc);
        try {
            assertThat(out.refCnt()).isEqualTo(1);
            assertThat(alloc.made).hasSize(1);
            assertThat(parse(out).getRcode()).isEqualTo(Rcode.SERVFAIL);
        } finally {
            out.release();
            packet.release();
        }
        assertThat(count(registry, DnsMetrics.FAILURES, DnsMetrics.TRANSPORT, "tcp")).isEqualTo(1);
        assertThat(count(registry, DnsMetrics.QUERIES, DnsMetrics.RCODE, "SERVFAIL")).isEqualTo(1);
        assertThat(count(registry, DnsMetrics.OBSERVER_FAILURES)).isEqualTo(1);
    }

    @Test
    void aResponseThatCannotBeWrittenIsReleasedAndAnsweredServfail() {
        MeterRegistry registry = new SimpleMeterRegistry();
        QueryEngine engine = new QueryEngine(world::current, new DnsMetrics(registry));
        CountingAllocator alloc = new CountingAllocator(true); // the first buffer cannot hold the answer
        ByteBuf packet = query("www.example.org.", Type.A, null);
        ByteBuf out = engine.handle(packet, SYDNEY, Transport.UDP, alloc);
        try {
            assertThat(alloc.made).hasSize(2);
            assertThat(alloc.made.get(0).refCnt()).isZero();
            assertThat(out).isSameAs(alloc.made.get(1));
            assertThat(out.refCnt()).isEqualTo(1);
            assertThat(parse(out).getRcode()).isEqualTo(Rcode.SERVFAIL);
        } finally {
            out.release();
            packet.release();
        }
        assertThat(count(registry, DnsMetrics.FAILURES, DnsMetrics.TRANSPORT, "udp")).isEqualTo(1);
    }

    @Test
    void droppedPacketsAllocateNothing() {
        List<String> heard = new ArrayList<>();
        QueryEngine engine = new QueryEngine(world::current, new QueryObserver() {
            @Override
            public void answered(AnsweredQuery query) {
                heard.add("answered");
            }

            @Override
            public void dropped(Transport transport) {
                heard.add("dropped " + transport);
            }
        });
        CountingAllocator alloc = new CountingAllocator(false);
        ByteBuf garbage = io.netty.buffer.Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
        try {
            assertThat(engine.handle(garbage, SYDNEY, Transport.UDP, alloc)).isNull();
        } finally {
            garbage.release();
        }
        assertThat(alloc.made).isEmpty();
        assertThat(heard).containsExactly("dropped UDP");
    }

    @Test
    void theEventSaysWhatWasAskedFromWhereAndHowItWasAnswered() throws Exception {
        List<QueryEvent> events = new ArrayList<>();
        List<AnsweredQuery> views = new ArrayList<>();
        QueryObserver keeper = new QueryObserver() {
            @Override
            public void answered(AnsweredQuery query) {
                views.add(query);
                QueryEvent e = query.event();
                assertThat(query.event()).isSameAs(e); // built once per query
                events.add(e);
            }

            @Override
            public boolean timesEveryAnswer() {
                return true;
            }
        };
        QueryObserver second = query -> events.add(query.event());
        QueryEngine engine = new QueryEngine(world::current, keeper.andThen(second));
        InetSocketAddress sender = new InetSocketAddress("127.0.4.7", 40000);
        OPTRecord ecs = new OPTRecord(1232, 0, 0, 0,
                List.of(new ClientSubnetOption(24, InetAddress.getByName("127.0.1.0")))); // Frankfurt
        ByteBuf packet = query("OutLook.Office365.com.", Type.AAAA, ecs);
        ByteBuf out = engine.handle(packet, sender, Transport.TCP, new CountingAllocator(false));
        out.release();
        packet.release();

        assertThat(events).hasSize(2);
        assertThat(events.get(1)).isSameAs(events.get(0)); // and shared by every observer that asks
        QueryEvent e = events.get(0);
        assertThat(e.transport()).isEqualTo(Transport.TCP);
        assertThat(e.sender()).isEqualTo(sender);
        assertThat(e.id()).isEqualTo(0x1234);
        assertThat(e.name()).isEqualTo("outlook.office365.com.");
        assertThat(e.qtype()).isEqualTo(Type.AAAA);
        assertThat(e.qclass()).isEqualTo(DClass.IN);
        assertThat(e.ecs()).isNotNull();
        assertThat(e.ecs().inetAddress()).isEqualTo(InetAddress.getByName("127.0.1.0"));
        assertThat(e.ecs().sourcePrefix()).isEqualTo(24);
        assertThat(e.hasEcs()).isTrue();
        assertThat(e.decision()).isNotNull();
        assertThat(e.decision().site().id()).isEqualTo("fra");
        assertThat(e.ecsScope()).isEqualTo(e.decision().ecsScope()).isPositive();
        assertThat(e.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(e.truncated()).isFalse();
        assertThat(e.nanos()).isNotNegative();

        // The view is the engine's per-thread object, not an event: reading it made nothing.
        ByteBuf again = query("www.example.org.", Type.A, null);
        engine.handle(again, SYDNEY, Transport.UDP, new CountingAllocator(false)).release();
        again.release();
        assertThat(views).hasSize(2);
        assertThat(views.get(1)).isSameAs(views.get(0)).isNotInstanceOf(QueryEvent.class);
        QueryEvent plain = events.get(2);
        assertThat(plain.name()).isEqualTo("www.example.org.");
        assertThat(plain.ecs()).isNull();
        assertThat(plain.ecsScope()).isEqualTo(-1);
        assertThat(plain.decision()).isNull();
        assertThat(plain.sender()).isEqualTo(SYDNEY);
    }

    @Test
    void countingObserversSeeTheFactsWithoutAnEvent() {
        List<String> facts = new ArrayList<>();
        QueryEngine engine = new QueryEngine(world::current, query -> facts.add(query.transport() + " "
                + Type.string(query.qtype()) + " " + Rcode.string(query.rcode()) + " " + query.hasEcs() + " "
                + (query.decision() == null ? "-" : query.decision().site().id()) + " " + query.truncated()));
        for (String name : List.of("nx.example.org.", "portal.office.com.")) {
            ByteBuf packet = query(name, Type.A, null);
            engine.handle(packet, SYDNEY, Transport.UDP, new CountingAllocator(false)).release();
            packet.release();
        }
        assertThat(facts).containsExactly("UDP A NXDOMAIN false - false", "UDP A NOERROR false syd false");
    }

    @Test
    void untimedAnswersSayNotTimedUnlessAnObserverAsksForEveryTime() {
        List<Long> nanos = new ArrayList<>();
        QueryEngine engine = new QueryEngine(world::current, query -> nanos.add(query.nanos()));
        for (int i = 0; i < QueryEngine.TIMING_SAMPLE * 2; i++) {
            ByteBuf packet = query("www.example.org.", Type.A, null);
            engine.handle(packet, SYDNEY, Transport.UDP, new CountingAllocator(false)).release();
            packet.release();
        }
        long timed = nanos.stream().filter(n -> n != QueryObserver.NOT_TIMED).count();
        assertThat(timed).isBetween(1L, 3L);
    }
}
