package dev.geodns.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.World;
import dev.geodns.server.GeoDnsServer;
import dev.geodns.server.admin.AdminApi;
import dev.geodns.server.admin.AdminAuth;
import dev.geodns.server.admin.AdminServer;
import dev.geodns.server.engine.AnsweredQuery;
import dev.geodns.server.engine.QueryEvent;
import dev.geodns.server.engine.QueryObserver;
import dev.geodns.server.proxy.ProxyFrom;
import dev.geodns.server.proxy.ProxyListener;
import dev.geodns.server.proxy.ProxySettings;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * dnsdist (Debian) in front of three replicas with PROXY v2 and one shared state file, all on
 * loopback: answers through dnsdist are those of a replica asked directly; a drain through one
 * replica's admin API is served by all within a second and survives a restart; one replica killed
 * under a bounded load is taken out by dnsdist's health checks with under 1% lost and no wrong answer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DnsdistClusterTest {
    static final String DNSDIST_SOURCE = "127.0.9.1";
    static final String[][] LAB = {{"127.0.1.7", "FRA"}, {"127.0.2.7", "SEA"}, {"127.0.3.7", "SIN"},
        {"127.0.4.7", "SYD"}, {"127.0.5.7", "GRU"}};

    /** dnsdist's config, log and the state file; JUnit removes it after the class (and after {@link #stop()}). */
    @TempDir
    static Path dir;
    static Path state;
    static World world;
    static final Replica[] replicas = new Replica[3];
    static Dnsdist dnsdist;

    /** One replica: a server with its admin API, restartable on the same DNS address. */
    static final class Replica {
        final InetSocketAddress dns;
        final AtomicLong answered = new AtomicLong();
        final ConcurrentHashMap<Integer, QueryEvent> events = new ConcurrentHashMap<>();
        GeoDnsServer server;
        AdminServer admin;

        Replica(String host, int port) throws Exception {
            start(new InetSocketAddress(host, port));
            this.dns = server.dnsAddresses().get(0);
        }

        void start(InetSocketAddress address) throws Exception {
            QueryObserver observer = new QueryObserver() {
                @Override
                public void answered(AnsweredQuery q) {
                    answered.incrementAndGet();
                    if (q.proxy() != null) {
                        events.put(q.id(), q.event());
                    }
                }
            };
            server = GeoDnsServer.builder().world(world).dns(address).threads(1).observer(observer)
                    .proxy(new ProxySettings(ProxyFrom.parse(DNSDIST_SOURCE), ProxyListener.NONE)).start();
            server.shareState(state, System.err::println);
            admin = AdminServer.start(new InetSocketAddress(address.getAddress(), 0),
                    new AdminApi(server, null, null, AdminAuth.open()));
        }

        void stop() {
            admin.close();
            server.close();
        }

        void restart() throws Exception {
            stop();
            start(dns);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Dnsdist.require();
        state = dir.resolve("state");
        world = WorldLoader.load(Path.of(DnsdistClusterTest.class.getResource("/worlds/test-world.yaml").toURI()));
        List<InetSocketAddress> backends = new ArrayList<>();
        for (int i = 0; i < replicas.length; i++) {
            replicas[i] = new Replica("127.0.0." + (11 + i), 0);
            backends.add(replicas[i].dns);
        }
        dnsdist = Dnsdist.start(dir, "127.0.8.1", DNSDIST_SOURCE, backends);
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (regional(LAB[0][0], dnsdist.listen, 0x0101, 500) == null) {
            assertThat(dnsdist.process.isAlive()).as("dnsdist runs: %s", dnsdist.log()).isTrue();
            assertThat(System.nanoTime()).as("dnsdist answers within 15 s: %s", dnsdist.log()).isLessThan(end);
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (dnsdist != null) {
            dnsdist.close();
        }
        for (Replica r : replicas) {
            if (r != null) {
                r.stop();
            }
        }
    }

    static byte[] query(int id) throws IOException {
        Message m = Message.newQuery(Record.newRecord(Name.fromString("outlook.office365.com."), Type.A, DClass.IN));
        m.getHeader().setID(id);
        return m.toWire();
    }

    /** The site code of the answer to one query from {@code source}, or null when none came. */
    static String regional(String source, InetSocketAddress to, int id, int timeoutMs) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(source, 0))) {
            s.setSoTimeout(timeoutMs);
            byte[] q = query(id);
            s.send(new DatagramPacket(q, q.length, to));
            byte[] buf = new byte[4096];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                s.receive(p);
            } catch (SocketTimeoutException e) {
                return null;
            }
            return code(new Message(Arrays.copyOf(buf, p.getLength())));
        }
    }

    static String code(Message m) {
        if (m.getRcode() != Rcode.NOERROR) {
            return Rcode.string(m.getRcode());
        }
        return m.getSection(Section.ANSWER).stream().filter(r -> r.getType() == Type.CNAME)
                .map(r -> ((CNAMERecord) r).getTarget().toString()).reduce((a, b) -> b)
                .map(t -> t.substring(0, t.indexOf('-'))).orElse("NODATA");
    }

    @Test
    @Order(1)
    void throughDnsdistEveryLabResolverLandsWhereItWouldDirectly() throws Exception {
        int id = 0x1000;
        for (String[] lab : LAB) {
            String direct = regional(lab[0], replicas[1].dns, ++id, 3000);
            String proxied = regional(lab[0], dnsdist.listen, ++id, 3000);
            assertThat(direct).as("%s asked a replica directly", lab[0]).isEqualTo(lab[1]);
            assertThat(proxied).as("%s asked through dnsdist", lab[0]).isEqualTo(direct);
            // dnsdist gives the query its own id towards the replica: found by the resolver's address.
            QueryEvent e = Arrays.stream(replicas).flatMap(r -> r.events.values().stream())
                    .filter(x -> x.sender().getAddress().getHostAddress().equals(lab[0])).findFirst().orElseThrow();
            assertThat(e.sender().getAddress().getHostAddress()).isEqualTo(lab[0]);
            assertThat(e.proxy().getAddress().getHostAddress()).isEqualTo(DNSDIST_SOURCE);
        }
    }

    static void allReplicasAnswer(String source, String expected, long withinMillis) throws Exception {
        long end = System.nanoTime() + withinMillis * 1_000_000;
        int id = 0x2000;
        for (Replica r : replicas) {
            String got;
            while (!expected.equals(got = regional(source, r.dns, ++id, 1000))) {
                assertThat(System.nanoTime()).as("replica %s answers %s (got %s)", r.dns, expected, got).isLessThan(end);
                Thread.sleep(20);
            }
        }
    }

    static int post(Replica r, String path) throws Exception {
        HttpResponse<String> resp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(r.admin.url() + path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        return resp.statusCode();
    }

    @Test
    @Order(2)
    void aDrainThroughOneReplicaIsServedByAllWithinASecondAndSurvivesRestarts() throws Exception {
        assertThat(post(replicas[0], "/sites/fra/drain")).isEqualTo(200);
        long t0 = System.nanoTime();
        // The replica whose API was called serves it at once; the next front door is its answer.
        String next = regional(LAB[0][0], replicas[0].dns, 0x2E00, 3000);
        assertThat(next).isNotIn("FRA", null);
        allReplicasAnswer(LAB[0][0], next, 1000);
        System.out.printf("drain served by all three replicas after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(regional(LAB[0][0], dnsdist.listen, 0x2F00, 3000)).isEqualTo(next);

        for (Replica r : replicas) {
            r.restart();
            assertThat(r.server.drainedSites()).as("after restart of %s", r.dns).containsExactly("fra");
            assertThat(regional(LAB[0][0], r.dns, 0x2F01, 3000)).isEqualTo(next);
        }
        assertThat(post(replicas[2], "/sites/fra/restore")).isEqualTo(200);
        allReplicasAnswer(LAB[0][0], "FRA", 1000);
    }

    @Test
    @Order(3)
    void oneReplicaKilledUnderLoadIsTakenOutWithUnderOnePercentLostAndNoWrongAnswer() throws Exception {
        int rate = 400;
        int seconds = 10;
        int total = rate * seconds;
        AtomicIntegerArray answers = new AtomicIntegerArray(total); // 0 none, 1 right, 2 wrong
        List<DatagramSocket> sockets = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        for (String[] lab : LAB) {
            DatagramSocket s = new DatagramSocket(new InetSocketAddress(lab[0], 0));
            s.setSoTimeout(200);
            sockets.add(s);
            Thread t = new Thread(() -> read(s, lab[1], answers), "load-reader-" + lab[1]);
            t.start();
            readers.add(t);
        }
        long[] before = Arrays.stream(replicas).mapToLong(r -> r.answered.get()).toArray();
        Replica killed = null;
        long killedAt = 0;
        long start = System.nanoTime();
        try {
            for (int i = 0; i < total; i++) {
                long due = start + (long) i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                if (i == total * 3 / 10) {
                    killed = busiest(before);
                    killed.stop();
                    killedAt = System.nanoTime();
                }
                byte[] q = query(i);
                sockets.get(i % LAB.length).send(new DatagramPacket(q, q.length, dnsdist.listen));
            }
            Thread.sleep(2500); // late answers
        } finally {
            for (DatagramSocket s : sockets) {
                s.close();
            }
            for (Thread t : readers) {
                t.join(5000);
            }
        }
        int right = 0;
        int wrong = 0;
        for (int i = 0; i < total; i++) {
            right += answers.get(i) == 1 ? 1 : 0;
            wrong += answers.get(i) == 2 ? 1 : 0;
        }
        int lost = total - right - wrong;
        System.out.printf("load through dnsdist: %d queries at %d/s, killed %s after %d ms: %d right, %d wrong, %d lost"
                + " (%.2f%%)%n", total, rate, killed.dns, (killedAt - start) / 1_000_000, right, wrong, lost,
                100.0 * lost / total);
        assertThat(killed.answered.get()).as("the killed replica carried load before").isGreaterThan(before[index(killed)]);
        assertThat(wrong).as("wrong answers").isZero();
        assertThat(lost).as("queries lost of %d", total).isLessThan(total / 100);
        assertThat(serverStates()).as("dnsdist's view of its backends").containsEntry(key(killed), "down")
                .containsValues("up", "up");
        killed.start(killed.dns); // for the next run in this JVM, and the clean shutdown
    }

    static void read(DatagramSocket s, String expected, AtomicIntegerArray answers) {
        byte[] buf = new byte[4096];
        while (!s.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                s.receive(p);
                Message m = new Message(Arrays.copyOf(buf, p.getLength()));
                int id = m.getHeader().getID();
                if (id < answers.length()) {
                    answers.compareAndSet(id, 0, expected.equals(code(m)) ? 1 : 2);
                }
            } catch (SocketTimeoutException e) {
                // check whether closed
            } catch (IOException e) {
                return;
            }
        }
    }

    static Replica busiest(long[] before) {
        Replica best = replicas[0];
        for (Replica r : replicas) {
            if (r.answered.get() - before[index(r)] > best.answered.get() - before[index(best)]) {
                best = r;
            }
        }
        return best;
    }

    static int index(Replica r) {
        return Arrays.asList(replicas).indexOf(r);
    }

    static String key(Replica r) {
        return r.dns.getAddress().getHostAddress() + ":" + r.dns.getPort();
    }

    /** Backend address to state ("up", "down"), from dnsdist's web API. */
    static java.util.Map<String, String> serverStates() throws Exception {
        HttpResponse<String> resp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://" + dnsdist.web.getAddress().getHostAddress() + ":" + dnsdist.web.getPort()
                        + "/api/v1/servers/localhost")).header("X-API-Key", "lab").build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode servers = new ObjectMapper().readTree(resp.body()).get("servers");
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (JsonNode s : servers) {
            out.put(s.get("address").asText(), s.get("state").asText().toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }
}
