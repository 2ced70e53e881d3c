package dev.geodns.server.engine;

import dev.geodns.bench.Packets;
import dev.geodns.config.WorldLoader;
import dev.geodns.server.WorldState;
import dev.geodns.server.dns.DecodeResult;
import dev.geodns.server.dns.QueryDecoder;
import dev.geodns.server.dns.ResponseWriter;
import dev.geodns.server.dns.Template;
import dev.geodns.server.dns.WireQuery;
import dev.geodns.server.routing.RoutingDecision;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

/**
 * The encode step: {@link ResponseWriter#write} of the precomputed answer for the geo name
 * {@code outlook.office365.com} as routed from Sydney (3 CNAME + 4 A): header, the question as
 * received, the answer bytes, and for the EDNS query an OPT with the ECS option and its scope. The
 * answer template is taken from the built-in world's snapshot as the engine would take it; each
 * response is released, with the allocator the transport's channels use.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar ResponseWriterBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ResponseWriterBenchmark {
    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
    private final WireQuery plain = new WireQuery();
    private final WireQuery withEcs = new WireQuery();
    private Template answer;

    @Setup
    public void setUp() throws Exception {
        ByteBuf plainPacket = Packets.query("outlook.office365.com.");
        ByteBuf ecsPacket = Packets.queryWithEcs("outlook.office365.com.", "192.0.2.0", 24);
        try {
            if (QueryDecoder.decode(plainPacket, plain) != DecodeResult.OK
                    || QueryDecoder.decode(ecsPacket, withEcs) != DecodeResult.OK || !withEcs.hasEcs()) {
                throw new IllegalStateException("the queries do not decode");
            }
        } finally {
            plainPacket.release();
            ecsPacket.release();
        }
        ServingState state = WorldState.load(WorldLoader.builtIn(), List.of()).current();
        Lookup lookup = new Lookup();
        state.snapshot().lookup(plain.name(), plain.nameLength(), plain.qtype(), lookup);
        Binding binding = lookup.binding();
        RoutingDecision decision = state.router().route(binding.service(), binding.tenant(),
                InetAddress.getByName("127.0.4.1"), null); // Sydney in the lab plan
        answer = state.snapshot().answers.answer(lookup, plain.qtype(), decision.siteIndex());
        check(writePlain(), 7, false);
        check(writeWithEcs(), 7, true);
    }

    /** Fails the run unless dnsjava reads the response with this many answers (and an OPT if asked). */
    private static void check(ByteBuf response, int answers, boolean opt) throws Exception {
        try {
            Message m = new Message(ByteBufUtil.getBytes(response));
            if (m.getSection(Section.ANSWER).size() != answers || (m.getOPT() != null) != opt) {
                throw new IllegalStateException("unexpected response:\n" + m);
            }
        } finally {
            response.release();
        }
    }

    private ByteBuf writePlain() {
        return ResponseWriter.write(alloc, plain, answer, ResponseWriter.maxSize(plain, true), 0, null);
    }

    private ByteBuf writeWithEcs() {
        return ResponseWriter.write(alloc, withEcs, answer, ResponseWriter.maxSize(withEcs, true), 24, null);
    }

    @Benchmark
    public int encode() {
        ByteBuf out = writePlain();
        int size = out.readableBytes();
        out.release();
        return size;
    }

    @Benchmark
    public int encodeWithEcs() {
        ByteBuf out = writeWithEcs();
        int size = out.readableBytes();
        out.release();
        return size;
    }
}
