package dev.geodns.server.dns;

import dev.geodns.bench.Packets;
import io.netty.buffer.ByteBuf;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The parse step: {@link QueryDecoder#decode} of header, question and OPT in place, into a reused
 * {@link WireQuery}, for a plain query and for one carrying EDNS Client Subnet.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar QueryDecoderBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QueryDecoderBenchmark {
    private ByteBuf plain;
    private ByteBuf withEcs;
    private WireQuery query;

    @Setup
    public void setUp() {
        plain = Packets.query("outlook.office365.com.");
        withEcs = Packets.queryWithEcs("outlook.office365.com.", "192.0.2.0", 24);
        query = new WireQuery();
        if (QueryDecoder.decode(withEcs, query) != DecodeResult.OK || !query.hasEcs()) {
            throw new IllegalStateException("the ECS query does not decode as one");
        }
    }

    @TearDown
    public void tearDown() {
        plain.release();
        withEcs.release();
    }

    @Benchmark
    public void decode(Blackhole bh) {
        bh.consume(QueryDecoder.decode(plain, query));
        bh.consume(query.qtype());
    }

    @Benchmark
    public void decodeWithEcs(Blackhole bh) {
        bh.consume(QueryDecoder.decode(withEcs, query));
        bh.consume(query.ecsSourcePrefix());
    }
}
