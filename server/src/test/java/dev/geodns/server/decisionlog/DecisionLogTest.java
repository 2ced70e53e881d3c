package dev.geodns.server.decisionlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geodns.config.WorldLoader;
import dev.geodns.server.GeoDnsServer;
import dev.geodns.server.engine.QueryEvent;
import dev.geodns.server.engine.Transport;
import dev.geodns.server.metrics.DecisionLogMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The decision log: real queries in, JSON lines out; sampling; a full queue drops, never blocks. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DecisionLogTest {
    /** The keys of every line, in order (the schema documented in server/README.md). */
    static final List<String> KEYS = List.of("time", "transport", "source", "port", "proxy", "ecs", "ecsScope", "name", "type",
            "located", "address", "place", "origin", "network", "service", "tenant", "policy", "site", "defaultUsed",
            "drainedSkipped", "rcode", "truncated", "answer", "latencyUs");

    @TempDir
    Path dir;

    private static Message ask(InetSocketAddress server, String source, boolean tcp, String name, int type,
            ClientSubnetOption ecs) throws IOException {
        SimpleResolver r = new SimpleResolver(server);
        r.setTimeout(Duration.ofSeconds(5));
        r.setTCP(tcp);
        r.setLocalAddress(new InetSocketAddress(InetAddress.getByName(source), 0));
        Message q = Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
        if (ecs != null) {
            q.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(ecs)), Section.ADDITIONAL);
        }
        return r.send(q);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lines(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            out.add(mapper.readValue(line, Map.class));
        }
        return out;
    }

    @Test
    void everyQueryIsOneJsonLineCarryingTheDecision() throws Exception {
        Path file = dir.resolve("decisions.jsonl");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DecisionLog log = DecisionLog.open(file.toString(), 1.0, registry);
        Path world = Path.of(getClass().getResource("/worlds/test-world.yaml").toURI());
        try (GeoDnsServer server = GeoDnsServer.builder().world(WorldLoader.load(world))
                .dns(new InetSocketAddress("127.0.0.1", 0)).observer(log).threads(2).start()) {
            InetSocketAddress dns = server.dnsAddresses().get(0);
            ask(dns, "127.0.2.1", false, "outlook.office365.com", Type.A,
                    new ClientSubnetOption(24, InetAddress.getByName("192.0.2.0")));
            ask(dns, "127.0.0.1", true, "www.example.org", Type.AAAA, null);
            server.drain("fra");
            ask(dns, "127.0.1.1", false, "Outlook.Office365.com", Type.A, null);
            ask(dns, "127.0.4.1", false, "contoso.sharepoint.com", Type.A, null);
        } finally {
            log.close();
        }

        List<Map<String, Object>> lines = lines(file);
        assertThat(lines).hasSize(4);
        for (Map<String, Object> line : lines) {
            assertThat(line.keySet()).containsExactlyElementsOf(KEYS);
            assertThat((String) line.get("time")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(Instant.parse((String) line.get("time"))).isBefore(Instant.now().plusSeconds(1));
            assertThat((Integer) line.get("port")).isPositive();
            assertThat(line.get("proxy")).as("came directly").isNull();
            assertThat(((Number) line.get("latencyUs")).doubleValue()).isPositive();
        }

        Map<String, Object> ecs = lines.get(0);
        assertThat(ecs).containsEntry("transport", "udp").containsEntry("source", "127.0.2.1")
                .containsEntry("ecs", "192.0.2.0/24").containsEntry("ecsScope", 24)
                .containsEntry("name", "outlook.office365.com.").containsEntry("type", "A")
                .containsEntry("located", "ecs").containsEntry("address", "192.0.2.0")
                .containsEntry("place", "Berlin, DE").containsEntry("origin", "lab-network")
                .containsEntry("network", "192.0.2.0/26").containsEntry("service", "exchange")
                .containsEntry("tenant", null).containsEntry("policy", "nearest").containsEntry("site", "fra")
                .containsEntry("defaultUsed", false).containsEntry("drainedSkipped", List.of())
                .containsEntry("rcode", "NOERROR").containsEntry("truncated", false)
                .containsEntry("answer", "NOERROR fra");

        Map<String, Object> unrouted = lines.get(1);
        assertThat(unrouted).containsEntry("transport", "tcp").containsEntry("type", "AAAA")
                .containsEntry("ecs", null).containsEntry("ecsScope", null).containsEntry("located", null)
                .containsEntry("site", null).containsEntry("defaultUsed", null).containsEntry("drainedSkipped", List.of())
                .containsEntry("answer", "NOERROR");

        Map<String, Object> drained = lines.get(2);
        assertThat(drained).containsEntry("name", "outlook.office365.com.").containsEntry("located", "source")
                .containsEntry("place", "Frankfurt, DE").containsEntry("drainedSkipped", List.of("fra"));
        assertThat(drained.get("site")).isNotEqualTo("fra");

        assertThat(lines.get(3)).containsEntry("service", "sharepoint").containsEntry("tenant", "contoso")
                .containsEntry("policy", "active").containsEntry("site", "us-boydton");

        assertThat(registry.get(DecisionLogMetrics.LINES).tag(DecisionLogMetrics.OUTCOME, "written").counter().count())
                .isEqualTo(4);
    }

    @Test
    void everyKeyIsDocumentedInTheReadme() throws Exception {
        Path readme = Files.exists(Path.of("README.md")) ? Path.of("README.md") : Path.of("server", "README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int start = text.indexOf("\n## Decision log\n");
        assertThat(start).isNotNegative();
        int end = text.indexOf("\n## ", start + 1);
        String section = end < 0 ? text.substring(start) : text.substring(start, end);
        for (String key : KEYS) {
            assertThat(section).as(key).contains("`" + key + "`");
        }
    }

    @Test
    void aProxiedQueryNamesTheResolverAsSourceAndTheProxy() throws IOException {
        QueryEvent e = new QueryEvent(Transport.UDP, new InetSocketAddress("127.0.1.5", 40000),
                new InetSocketAddress("127.0.9.1", 5300), 1, "x.example.", Type.A, 1, null, null, 0, -1, false, 1000);
        Map<?, ?> line = new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(DecisionJson.format(new DecisionRecord(0, e)), Map.class);
        assertThat(line.get("source")).isEqualTo("127.0.1.5");
        assertThat(line.get("port")).isEqualTo(40000);
        assertThat(line.get("proxy")).isEqualTo("127.0.9.1");
    }

    private static QueryEvent query(String name, InetSocketAddress sender) {
        return new QueryEvent(Transport.UDP, sender, 1, name + ".", Type.A, 1, null, null, 0, -1, false, 1000);
    }

    private static Name nameOf(String s) {
        try {
            return Name.fromString(s);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void samplingLogsThatShareOfQueries() {
        InetSocketAddress sender = new InetSocketAddress("127.0.0.1", 5353);
        QueryEvent q = query("www.example.org", sender);
        for (double rate : new double[] {0.0, 0.5, 1.0}) {
            StringWriter out = new StringWriter();
            try (DecisionLog log = DecisionLog.to(out, true, rate, 4096, new SimpleMeterRegistry())) {
                for (int i = 0; i < 1000; i++) {
                    log.answered(q);
                }
            }
            long lines = out.toString().lines().count();
            if (rate == 0.0) {
                assertThat(lines).isZero();
            } else if (rate == 1.0) {
                assertThat(lines).isEqualTo(1000);
            } else {
                assertThat(lines).isBetween(350L, 650L);
            }
        }
        assertThatThrownBy(() -> DecisionLog.to(new StringWriter(), true, 1.5, 16, new SimpleMeterRegistry()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.0..1.0");
    }

    @Test
    void aFullQueueDropsLinesAndCountsThemWithoutBlocking() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        StringWriter sink = new StringWriter();
        Writer stuck = new Writer() {
            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                try {
                    release.await(30, TimeUnit.SECONDS); // a disk that does not keep up
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                sink.write(buf, off, len);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        MeterRegistry registry = new SimpleMeterRegistry();
        InetSocketAddress sender = new InetSocketAddress("127.0.0.1", 5353);
        QueryEvent q = query("www.example.org", sender);
        DecisionLog log = DecisionLog.to(stuck, true, 1.0, 8, registry);
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            log.answered(q);
        }
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(tookMs).as("the observer never waits for the writer").isLessThan(5_000);
        double dropped = registry.get(DecisionLogMetrics.LINES).tag(DecisionLogMetrics.OUTCOME, "dropped").counter().count();
        // Accepted at most: the batch the stuck writer took (one polled + the 8 queued) and a full queue again.
        assertThat(dropped).isGreaterThanOrEqualTo(1000 - (1 + 8 + 8));

        release.countDown();
        log.close();
        double written = registry.get(DecisionLogMetrics.LINES).tag(DecisionLogMetrics.OUTCOME, "written").counter().count();
        assertThat(written + dropped).isEqualTo(1000);
        assertThat(sink.toString().lines().count()).isEqualTo((long) written);
    }

    @Test
    void namesArePrintedInPresentationFormWithEscapes() {
        assertThat(dev.geodns.server.dns.WireQuery.nameText(new byte[] {0}, 1)).isEqualTo(".");
        assertThat(dev.geodns.server.dns.WireQuery.nameText(nameOf("www.example.org.").toWireCanonical(), 17)).isEqualTo("www.example.org.");
        byte[] odd = {3, 'a', '.', ' ', 1, '\\', 0};
        assertThat(dev.geodns.server.dns.WireQuery.nameText(odd, odd.length)).isEqualTo("a\\.\\032.\\\\.");
    }
}
