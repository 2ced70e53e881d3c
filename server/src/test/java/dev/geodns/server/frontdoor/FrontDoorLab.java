package dev.geodns.server.frontdoor;

import dev.geodns.config.LoopbackAnswerPlan;
import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.World;
import dev.geodns.server.GeoDnsServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The built-in world on the loopback answer plan, served by a real DNS server and real front doors on
 * ephemeral-range loopback ports: what {@code serve --front-doors} runs, for wire tests.
 */
final class FrontDoorLab implements AutoCloseable {
    final World world;
    final GeoDnsServer dns;
    final FrontDoors doors;
    final SimpleMeterRegistry registry;
    final RecentDecisions decisions;
    final int httpPort;
    final int httpsPort;

    private FrontDoorLab(World world, GeoDnsServer dns, FrontDoors doors, SimpleMeterRegistry registry,
            RecentDecisions decisions, int httpPort, int httpsPort) {
        this.world = world;
        this.dns = dns;
        this.doors = doors;
        this.registry = registry;
        this.decisions = decisions;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    static FrontDoorLab start(Path stateDir, Duration requestTimeout) throws Exception {
        World world = LoopbackAnswerPlan.apply(WorldLoader.builtIn());
        GeoDnsServer dns = GeoDnsServer.builder().world(world).dns(new InetSocketAddress("127.0.0.1", 0))
                .threads(1).start();
        int http = freePort();
        int https = freePort();
        FrontDoorOptions options = FrontDoorOptions.defaults().withPorts(http, https).withStateDir(stateDir)
                .withLimits(requestTimeout, 16 * 1024, 1000);
        FrontDoorLab lab = null;
        try {
            RecentDecisions decisions = new RecentDecisions(64, Duration.ofMinutes(1));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            FrontDoors doors = FrontDoors.start(() -> dns.current().world(), () -> dns.current().router().locator(),
                    options, registry, decisions);
            lab = new FrontDoorLab(world, dns, doors, registry, decisions, http, https);
            return lab;
        } finally {
            if (lab == null) {
                dns.close();
            }
        }
    }

    /** A port free on the first front-door address (nothing else uses 127.64.0.0/10). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.64.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** The A records at the end of {@code name}'s answer, asked from {@code source} (like {@code dig -b}). */
    List<InetAddress> resolve(String name, String source) throws IOException {
        SimpleResolver r = new SimpleResolver(dns.dnsAddresses().get(0));
        r.setTimeout(Duration.ofSeconds(3));
        r.setLocalAddress(new InetSocketAddress(InetAddress.getByName(source), 0));
        Message m = r.send(Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), Type.A, DClass.IN)));
        return m.getSection(Section.ANSWER).stream().filter(rec -> rec instanceof ARecord)
                .map(rec -> ((ARecord) rec).getAddress()).toList();
    }

    /** The site answering from {@code address}. */
    String siteAt(InetAddress address) {
        return world.sites().stream().filter(s -> s.ipv4().contains(address)).findFirst().orElseThrow().id();
    }

    @Override
    public void close() {
        doors.close();
        dns.close();
    }
}
