package dev.geodns.server.routing;

import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.Tenant;
import dev.geodns.config.model.World;
import dev.geodns.server.WorldState;
import dev.geodns.server.geo.ClientSubnet;
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

/**
 * The route step on the built-in world: {@link Router#route} for Exchange ({@code nearest}: locate
 * the asker, pick the nearest front door), the same with an ECS option that the service honours,
 * and SharePoint for contoso ({@code active}: the tenant's home, wherever the asker is).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar RouterBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouterBenchmark {
    private Router router;
    private Service exchange;
    private Service sharepoint;
    private Tenant contoso;
    private InetAddress source;
    private ClientSubnet ecs;

    @Setup
    public void setUp() throws Exception {
        World world = WorldLoader.builtIn();
        router = WorldState.load(world, List.of()).current().router();
        exchange = world.service("exchange").orElseThrow();
        sharepoint = world.service("sharepoint").orElseThrow();
        contoso = world.tenant("contoso").orElseThrow();
        source = InetAddress.getByName("127.0.4.1"); // Sydney in the lab plan
        ecs = new ClientSubnet(ClientSubnet.FAMILY_IPV4, 24, 0, new byte[] {127, 0, 1, 0}); // Frankfurt
        if (!router.route(exchange, null, source, ecs).site().id().equals("fra")) {
            throw new IllegalStateException("the ECS subnet should route to Frankfurt");
        }
    }

    @Benchmark
    public RoutingDecision nearest() {
        return router.route(exchange, null, source, null);
    }

    @Benchmark
    public RoutingDecision nearestWithEcs() {
        return router.route(exchange, null, source, ecs);
    }

    @Benchmark
    public RoutingDecision active() {
        return router.route(sharepoint, contoso, source, null);
    }
}
