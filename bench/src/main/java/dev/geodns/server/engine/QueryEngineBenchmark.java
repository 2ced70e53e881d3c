package dev.geodns.server.engine;

import dev.geodns.bench.LargeWorld;
import dev.geodns.bench.Packets;
import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.Tenant;
import dev.geodns.config.model.World;
import dev.geodns.server.WorldState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole answer path: {@link QueryEngine#handle} from packet to response buffer (decode, match,
 * locate and route, take the precomputed answer, write), over UDP from a Sydney lab address, with
 * the allocator the transport's channels use ({@link ByteBufAllocator#DEFAULT}); each response
 * is released.
 *
 * <p>Names: the geo name {@code outlook.office365.com} (nearest front door, 3 CNAME + 4 A), the
 * tenant name {@code contoso.sharepoint.com} (tenant's home, 2 CNAME + 4 A), a static name
 * ({@code LHR-efz.ms-acdc.office.com}, 4 A), an NXDOMAIN ({@code nx.office365.com}, SOA), and
 * {@code tenantSpread}: the tenant name of a different tenant each time (1,024 of the world's
 * worldwide tenants, or the built-in two). {@code extraTenants} 0 is the built-in world (4
 * tenants); 100000 adds generated tenants ({@link LargeWorld#world}, built as a record because the
 * loader refuses YAML that large), to show the cost does not grow with the world.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar QueryEngineBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class QueryEngineBenchmark {
    @Param({"0", "100000"})
    public int extraTenants;

    private QueryEngine engine;
    private ByteBufAllocator alloc;
    private InetSocketAddress sender;
    private ByteBuf geo;
    private ByteBuf tenant;
    private ByteBuf staticName;
    private ByteBuf nxdomain;
    private ByteBuf[] spread;
    private int next;

    @Setup
    public void setUp() throws Exception {
        World world = extraTenants == 0 ? WorldLoader.builtIn() : LargeWorld.world(extraTenants);
        WorldState state = WorldState.load(world, List.of());
        engine = new QueryEngine(state::current, QueryObserver.NONE);
        alloc = ByteBufAllocator.DEFAULT; // what the transport's channels use
        sender = new InetSocketAddress("127.0.4.1", 53000); // Sydney in the lab plan
        geo = Packets.query("outlook.office365.com.");
        tenant = Packets.query("contoso.sharepoint.com.");
        staticName = Packets.query("LHR-efz.ms-acdc.office.com.");
        nxdomain = Packets.query("nx.office365.com.");
        List<String> ids = new ArrayList<>();
        for (Tenant t : world.tenants()) {
            if (t.cloud().equals("worldwide")) {
                ids.add(t.id());
            }
        }
        SplittableRandom random = new SplittableRandom(7);
        spread = new ByteBuf[1024];
        for (int i = 0; i < spread.length; i++) {
            spread[i] = Packets.query(ids.get(random.nextInt(ids.size())) + ".sharepoint.com.");
        }
        check(geo, 0, 7);
        check(tenant, 0, 6);
        check(staticName, 0, 4);
        check(nxdomain, 3, 0);
        for (ByteBuf b : spread) {
            check(b, 0, 6);
        }
    }

    /** Fails the run unless the engine answers with this rcode and answer count. */
    private void check(ByteBuf query, int rcode, int ancount) {
        ByteBuf out = engine.handle(query, sender, Transport.UDP, alloc);
        try {
            int gotRcode = out.getUnsignedShort(2) & 0xf;
            int gotAncount = out.getUnsignedShort(6);
            if (gotRcode != rcode || gotAncount != ancount) {
                throw new IllegalStateException("rcode " + gotRcode + " with " + gotAncount + " answers, expected "
                        + rcode + " with " + ancount);
            }
        } finally {
            out.release();
        }
    }

    @TearDown
    public void tearDown() {
        geo.release();
        tenant.release();
        staticName.release();
        nxdomain.release();
        for (ByteBuf b : spread) {
            b.release();
        }
    }

    private int answer(ByteBuf query) {
        ByteBuf out = engine.handle(query, sender, Transport.UDP, alloc);
        int size = out.readableBytes();
        out.release();
        return size;
    }

    @Benchmark
    public int geo() {
        return answer(geo);
    }

    @Benchmark
    public int tenant() {
        return answer(tenant);
    }

    @Benchmark
    public int staticName() {
        return answer(staticName);
    }

    @Benchmark
    public int nxdomain() {
        return answer(nxdomain);
    }

    @Benchmark
    public int tenantSpread() {
        ByteBuf query = spread[next];
        next = (next + 1) & (spread.length - 1);
        return answer(query);
    }
}
