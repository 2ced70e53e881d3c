package dev.geodns.bench;

import dev.geodns.config.model.World;
import dev.geodns.server.GeoDnsServer;
import dev.geodns.server.cli.Main;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

/**
 * Serves {@link LargeWorld#world(int)} on 127.0.0.1 with one event loop, until killed: how
 * {@code bench/run-comparison.sh} compares the cost of a query with the built-in world's 4 tenants
 * and with 100,000. Both sizes go through this same launcher, with no query observer and without
 * parsing YAML, so the world is the only difference.
 *
 * <p>{@code java -XX:ActiveProcessorCount=1 -cp bench/target/benchmarks.jar
 * dev.geodns.bench.LargeWorldServer 100000 15353} (loopback only)
 */
public final class LargeWorldServer {
    private LargeWorldServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: LargeWorldServer EXTRA_TENANTS PORT");
            System.exit(2);
        }
        Main.applyNettyDefaultsUnlessAsked(); // as serve does
        World world = LargeWorld.world(Integer.parseInt(args[0]));
        GeoDnsServer server = GeoDnsServer.builder()
                .world(world)
                .dns(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[1])))
                .threads(1)
                .start();
        System.out.println("serving " + world.tenants().size() + " tenants on " + server.dnsAddresses()
                + (server.nativeTransport() ? " (epoll)" : " (NIO)"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
