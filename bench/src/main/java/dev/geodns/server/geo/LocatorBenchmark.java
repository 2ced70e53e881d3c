package dev.geodns.server.geo;

import dev.geodns.config.WorldCompiler;
import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.World;
import java.net.InetAddress;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The locate step on the built-in world: the lab-network trie alone ({@link LabNetworkTable}) and
 * the world's locator ({@link WorldLocator}: lab networks, then GeoIP databases, of which the
 * built-in world has none), for a lab IPv4 source, a lab IPv6 source and an address outside the
 * plan (198.18.0.1, an answer address: {@link Location#UNKNOWN}).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar LocatorBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LocatorBenchmark {
    @Param({"127.0.4.1", "2001:db8:4::1", "198.18.0.1"})
    public String source;

    private InetAddress address;
    private LabNetworkTable table;
    private WorldLocator locator;

    @Setup
    public void setUp() throws Exception {
        World world = WorldLoader.builtIn();
        address = InetAddress.getByName(source);
        table = new LabNetworkTable(world.networks());
        locator = WorldLocator.open(WorldCompiler.compile(world));
    }

    @Benchmark
    public Location labNetworkTable() {
        return table.locate(address);
    }

    @Benchmark
    public Location worldLocator() {
        return locator.locate(address);
    }
}
