package dev.geodns.server.e2e;

import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.World;
import dev.geodns.server.GeoDnsServer;
import dev.geodns.server.transport.TcpSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;

/** Starts the server on ephemeral loopback ports with the test world, and queries it for real. */
final class TestServer implements AutoCloseable {
    final GeoDnsServer server;
    final InetSocketAddress v4;

    private TestServer(GeoDnsServer server) {
        this.server = server;
        this.v4 = server.dnsAddresses().get(0);
    }

    static Path resource(String name) {
        try {
            return Path.of(TestServer.class.getResource("/worlds/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static World testWorld() {
        try {
            return WorldLoader.load(resource("test-world.yaml"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static TestServer start() throws Exception {
        return start(testWorld(), new TcpSettings(Duration.ofSeconds(2), 8));
    }

    static TestServer start(World world, TcpSettings tcp) throws Exception {
        return start(world, tcp, dev.geodns.server.engine.QueryObserver.NONE);
    }

    static TestServer start(World world, TcpSettings tcp, dev.geodns.server.engine.QueryObserver observer)
            throws Exception {
        GeoDnsServer server = GeoDnsServer.builder()
                .world(world)
                .observer(observer)
                .dns(new InetSocketAddress("127.0.0.1", 0))
                .tcp(tcp)
                .threads(2)
                .start();
        return new TestServer(server);
    }

    /** A dnsjava resolver aimed at the server, sending from {@code source} (like {@code dig -b}). */
    SimpleResolver resolver(String source) throws IOException {
        SimpleResolver r = new SimpleResolver(v4);
        r.setTimeout(Duration.ofSeconds(3));
        if (source != null) {
            r.setLocalAddress(new InetSocketAddress(InetAddress.getByName(source), 0));
        }
        return r;
    }

    SimpleResolver resolver() throws IOException {
        return resolver(null);
    }

    Message query(String name, int type) throws IOException {
        return query(resolver(), name, type);
    }

    static Message query(SimpleResolver r, String name, int type) throws IOException {
        Record question = Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN);
        return r.send(Message.newQuery(question));
    }

    static List<Record> answers(Message m) {
        return m.getSection(org.xbill.DNS.Section.ANSWER);
    }

    @Override
    public void close() {
        server.close();
    }
}
