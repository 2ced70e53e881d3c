package dev.geodns.server.metrics;

import dev.geodns.config.WorldLoader;
import dev.geodns.server.GeoDnsServer;
import dev.geodns.server.transport.TcpSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;

/** The server test world served with the metrics observer and listener, and ways to read the meters. */
final class MetricsServer implements AutoCloseable {
    final ServerMetrics metrics = new ServerMetrics();
    final GeoDnsServer server;

    MetricsServer() throws Exception {
        server = GeoDnsServer.builder()
                .world(WorldLoader.load(resource("test-world.yaml")))
                .dns(new InetSocketAddress("127.0.0.1", 0))
                .tcp(new TcpSettings(Duration.ofSeconds(2), 2))
                .observer(metrics.dns())
                .transportListener(metrics.transport())
                .threads(2)
                .start();
    }

    static Path resource(String name) {
        try {
            return Path.of(MetricsServer.class.getResource("/worlds/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    InetSocketAddress dnsAddress() {
        return server.dnsAddresses().get(0);
    }

    SimpleResolver resolver(String source, boolean tcp) throws IOException {
        SimpleResolver r = new SimpleResolver(dnsAddress());
        r.setTimeout(Duration.ofSeconds(5));
        r.setTCP(tcp);
        r.setLocalAddress(new InetSocketAddress(InetAddress.getByName(source), 0));
        return r;
    }

    /** Asks over UDP (or TCP) from {@code source}, with an OPT record carrying {@code options} when not null. */
    Message ask(String source, boolean tcp, String name, int type, List<EDNSOption> options) throws IOException {
        Message q = Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
        if (options != null) {
            q.addRecord(new OPTRecord(1232, 0, 0, 0, options), Section.ADDITIONAL);
        }
        return resolver(source, tcp).send(q);
    }

    /** The count of the meter {@code name} with exactly these tags (key, value, ...), 0 when absent. */
    double count(String name, String... tags) {
        Search s = metrics.registry().find(name).tags(tags);
        Counter c = s.counter();
        if (c != null) {
            return c.count();
        }
        Timer t = s.timer();
        return t == null ? 0 : t.count();
    }

    /** The value of the gauge {@code name}. */
    double gauge(String name) {
        return metrics.registry().get(name).gauge().value();
    }

    List<Meter> meters() {
        return metrics.registry().getMeters();
    }

    @Override
    public void close() {
        server.close();
    }
}
