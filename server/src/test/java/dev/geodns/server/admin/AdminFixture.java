package dev.geodns.server.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geodns.config.WorldLoader;
import dev.geodns.server.GeoDnsServer;
import dev.geodns.server.metrics.ServerMetrics;
import dev.geodns.server.metrics.WorldMetrics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;

/**
 * A server as {@code serve} wires it (metrics observer, transport listener, reloader reading the
 * world from files, admin API), on ephemeral loopback ports, with an HTTP and a DNS client.
 */
final class AdminFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final ServerMetrics metrics = new ServerMetrics();
    final GeoDnsServer server;
    final WorldReloader reloader;
    final AdminServer admin;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private AdminFixture(Path dir, AdminAuth auth) throws Exception {
        this.dir = dir;
        Path world = dir.resolve(OpsWorlds.WORLD);
        server = GeoDnsServer.builder()
                .world(WorldLoader.load(world))
                .dns(new InetSocketAddress("127.0.0.1", 0))
                .observer(metrics.dns())
                .transportListener(metrics.transport())
                .threads(2)
                .start();
        WorldMetrics worldMetrics = new WorldMetrics(metrics.registry(), server::current,
                () -> server.worldState().drain());
        reloader = new WorldReloader(server, WorldSource.files(world, List.of()), worldMetrics, log::add);
        admin = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), new AdminApi(server, reloader, metrics, auth));
    }

    /** Writes world A into {@code dir} and serves it with an open (loopback) admin API. */
    static AdminFixture start(Path dir) throws Exception {
        OpsWorlds.writeA(dir);
        return new AdminFixture(dir, AdminAuth.open());
    }

    static AdminFixture start(Path dir, AdminAuth auth) throws Exception {
        OpsWorlds.writeA(dir);
        return new AdminFixture(dir, auth);
    }

    HttpResponse<String> send(String method, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(admin.url() + path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return send("POST", path, null);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(HttpResponse<String> response) throws IOException {
        return JSON.readValue(response.body(), Map.class);
    }

    /** A dnsjava resolver aimed at the server, sending from {@code source}, over UDP or TCP. */
    SimpleResolver resolver(String source, boolean tcp) throws IOException {
        SimpleResolver r = new SimpleResolver(server.dnsAddresses().get(0));
        r.setTimeout(Duration.ofSeconds(5));
        r.setTCP(tcp);
        r.setLocalAddress(new InetSocketAddress(InetAddress.getByName(source), 0));
        return r;
    }

    static Message query(SimpleResolver r, String name, int type) throws IOException {
        return r.send(Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN)));
    }

    Message query(String name, int type, String source) throws IOException {
        return query(resolver(source, false), name, type);
    }

    @Override
    public void close() {
        admin.close();
        reloader.close();
        server.close();
    }
}
