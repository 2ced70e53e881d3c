package dev.geodns.server.cli;

import dev.geodns.config.ConfigError;
import dev.geodns.config.WorldException;
import dev.geodns.config.model.World;
import dev.geodns.server.GeoDnsServer;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code serve}: runs the emulator until SIGINT/SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the authoritative geo-DNS server.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    WorldOptions worldOptions = new WorldOptions();

    @Option(names = "--dns", paramLabel = "ADDR:PORT", converter = HostPort.class,
            description = "DNS listen address, UDP and TCP (repeatable; default 127.0.0.1:8053 and [::1]:8053)")
    List<InetSocketAddress> dns = new ArrayList<>();

    @Option(names = "--admin", paramLabel = "ADDR:PORT", converter = HostPort.class,
            description = "admin HTTP listen address (default 127.0.0.1:9153)")
    InetSocketAddress admin = HostPort.parse("127.0.0.1:9153");

    @Option(names = "--threads", description = "event loop threads (default: one per core)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        World world;
        GeoDnsServer.Builder builder = GeoDnsServer.builder().threads(threads);
        try {
            world = worldOptions.loadWorld();
            builder.world(world).zones(worldOptions.loadZones());
        } catch (WorldException e) {
            e.errors().stream().map(ConfigError::toString).forEach(System.err::println);
            return 1;
        }
        boolean defaults = dns.isEmpty();
        List<InetSocketAddress> addresses = defaults
                ? List.of(HostPort.parse("127.0.0.1:8053"), HostPort.parse("[::1]:8053")) : dns;
        GeoDnsServer server = startWithFallback(builder, addresses, defaults);
        if (server == null) {
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping");
            server.close();
            stopped.countDown();
        }, "geodns-shutdown"));
        InetSocketAddress first = server.dnsAddresses().get(0);
        System.out.println("GeoDNS Emulator " + VersionProvider.version() + " listening on "
                + server.dnsAddresses().stream().map(HostPort::format).collect(Collectors.joining(", "))
                + " (UDP+TCP, " + (server.nativeTransport() ? "epoll" : "nio") + ")");
        System.out.println("world " + worldOptions.describe() + ": " + world.summary());
        System.out.println("try:  dig @" + first.getAddress().getHostAddress() + " -p " + first.getPort()
                + " -b 127.0.1.1 outlook.office365.com    (127.0.1.0/24 is Frankfurt in the lab plan)");
        stopped.await();
        return 0;
    }

    private GeoDnsServer startWithFallback(GeoDnsServer.Builder builder, List<InetSocketAddress> addresses,
            boolean defaults) throws Exception {
        for (InetSocketAddress a : addresses) {
            builder.dns(a);
        }
        try {
            return builder.start();
        } catch (BindException e) {
            if (defaults) {
                // No IPv6 loopback on this host: serve IPv4 only rather than not at all.
                System.err.println("warning: " + e.getMessage() + "; serving on 127.0.0.1:8053 only");
                GeoDnsServer.Builder v4 = GeoDnsServer.builder().threads(threads).world(builder.world())
                        .zones(builder.zones()).dns(addresses.get(0));
                try {
                    return v4.start();
                } catch (BindException again) {
                    System.err.println("error: " + again.getMessage());
                    return null;
                }
            }
            System.err.println("error: " + e.getMessage());
            return null;
        } catch (WorldException e) {
            e.errors().stream().map(ConfigError::toString).forEach(System.err::println);
            return null;
        }
    }
}
