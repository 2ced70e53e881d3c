package dev.geodns.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.server.GeoDnsServer;
import dev.geodns.server.engine.AnsweredQuery;
import dev.geodns.server.engine.QueryEvent;
import dev.geodns.server.engine.QueryObserver;
import dev.geodns.server.engine.Transport;
import dev.geodns.server.metrics.ProxyMetrics;
import dev.geodns.server.proxy.ProxyFrom;
import dev.geodns.server.proxy.ProxyRejection;
import dev.geodns.server.proxy.ProxySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * PROXY protocol v2 in, over the wire: a trusted proxy's header decides where a query is from
 * (UDP: every datagram; TCP: once per connection); a header from anyone else, a malformed one, or
 * none from a trusted proxy gets no answer and is counted; everybody else is served as before.
 */
class ProxyProtocolWireTest {
    static final String PROXY = "127.0.9.1";
    static final ConcurrentHashMap<Integer, QueryEvent> events = new ConcurrentHashMap<>();
    static ProxyMetrics metrics;
    static GeoDnsServer server;
    static InetSocketAddress dns;

    @BeforeAll
    static void start() throws Exception {
        metrics = new ProxyMetrics(new SimpleMeterRegistry());
        QueryObserver capture = new QueryObserver() {
            @Override
            public void answered(AnsweredQuery query) {
                events.put(query.id(), query.event());
            }
        };
        server = GeoDnsServer.builder().world(TestServer.testWorld()).observer(capture)
                .dns(new InetSocketAddress("127.0.0.1", 0)).threads(2)
                .proxy(new ProxySettings(ProxyFrom.parse("127.0.9.0/24, ::1/128"), metrics))
                .start();
        dns = server.dnsAddresses().get(0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A PROXY v2 header: PROXY (or LOCAL) command, DGRAM or STREAM over IPv4 or IPv6. */
    static byte[] header(boolean local, boolean stream, String source, int sourcePort) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        out.write(local ? 0x20 : 0x21);
        byte[] src = InetAddress.getByName(source).getAddress();
        out.write((src.length == 4 ? 0x10 : 0x20) | (stream ? 0x1 : 0x2));
        int len = 2 * src.length + 4;
        out.write(len >> 8);
        out.write(len);
        out.write(src);
        out.write(dns.getAddress().getAddress().length == src.length ? dns.getAddress().getAddress() : new byte[src.length]);
        out.write(sourcePort >> 8);
        out.write(sourcePort);
        out.write(dns.getPort() >> 8);
        out.write(dns.getPort());
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] udpFrom(String source, byte[] datagram, int timeoutMs) throws IOException {
        return RawDns.udpFrom(source, dns, datagram, timeoutMs);
    }

    static String regional(byte[] response) throws IOException {
        List<Record> answer = new Message(response).getSection(Section.ANSWER);
        return answer.stream().filter(r -> r.getType() == Type.CNAME)
                .map(r -> ((CNAMERecord) r).getTarget().toString()).reduce((a, b) -> b).orElse(null);
    }

    static double dropped(Transport t, ProxyRejection r) {
        return metrics.count(t, r);
    }

    /** Waits up to 2 s for the count: a TCP connection is closed before its rejection is counted. */
    static void awaitDropped(Transport t, ProxyRejection r, double expected) throws InterruptedException {
        for (int i = 0; i < 200 && dropped(t, r) < expected; i++) {
            Thread.sleep(10);
        }
        assertThat(dropped(t, r)).as("%s %s", t, r).isEqualTo(expected);
    }

    @Test
    void udpHeaderFromTrustedProxyLocatesTheCarriedResolver() throws IOException {
        String[][] plan = {{"127.0.1.5", "FRA"}, {"127.0.2.5", "SEA"}, {"127.0.3.5", "SIN"}, {"127.0.4.5", "SYD"},
            {"127.0.5.5", "GRU"}};
        int id = 0x5100;
        for (String[] p : plan) {
            byte[] q = RawDns.query(++id, "outlook.office365.com", Type.A);
            byte[] r = udpFrom(PROXY, concat(header(false, false, p[0], 40000), q), 3000);
            assertThat(r).as("answer for %s", p[0]).isNotNull();
            assertThat(RawDns.id(r)).isEqualTo(id);
            assertThat(regional(r)).isEqualTo(p[1] + "-efz.ms-acdc.office.com.");
            QueryEvent e = events.get(id);
            assertThat(e.sender()).isEqualTo(new InetSocketAddress(p[0], 40000));
            assertThat(e.proxy().getAddress().getHostAddress()).isEqualTo(PROXY);
        }
        byte[] v6 = udpFrom(PROXY, concat(header(false, false, "2001:db8::7", 53000),
                RawDns.query(0x5200, "outlook.office365.com", Type.A)), 3000);
        assertThat(v6).isNotNull();
        assertThat(events.get(0x5200).sender()).isEqualTo(new InetSocketAddress("2001:db8::7", 53000));
    }

    @Test
    void whoamiThroughAProxyNamesTheCarriedSourceAndTheProxy() throws Exception {
        try (GeoDnsServer builtIn = GeoDnsServer.builder().world(dev.geodns.config.WorldLoader.builtIn())
                .dns(new InetSocketAddress("127.0.0.1", 0)).threads(1)
                .proxy(new ProxySettings(ProxyFrom.parse("127.0.9.0/24"), new ProxyMetrics(new SimpleMeterRegistry())))
                .start()) {
            InetSocketAddress to = builtIn.dnsAddresses().get(0);
            byte[] datagram = concat(header(false, false, "127.0.4.9", 40000), RawDns.query(0x5600, "whoami.geodns.test", Type.TXT));
            byte[] r = RawDns.udpFrom(PROXY, to, datagram, 3000);
            assertThat(r).isNotNull();
            String txt = new Message(r).getSection(Section.ANSWER).stream().filter(x -> x.getType() == Type.TXT)
                    .map(Record::rdataToString).reduce("", String::concat);
            assertThat(txt).contains("source=127.0.4.9").contains("proxy=" + PROXY).contains("Sydney");
        }
    }

    @Test
    void udpLocalHeaderIsTheProxysOwnQuery() throws IOException {
        byte[] r = udpFrom(PROXY, concat(header(true, false, "127.0.1.5", 1), RawDns.query(0x5300, "example.org", Type.SOA)), 3000);
        assertThat(r).isNotNull();
        assertThat(events.get(0x5300).sender().getAddress().getHostAddress()).isEqualTo(PROXY);
        assertThat(events.get(0x5300).proxy()).isNull();
    }

    @Test
    void udpHeaderFromUntrustedSourceIsDroppedAndCounted() throws IOException {
        double before = dropped(Transport.UDP, ProxyRejection.UNTRUSTED_HEADER);
        byte[] q = RawDns.query(0x5400, "outlook.office365.com", Type.A);
        // Seattle claims to be a proxy passing on a Frankfurt query: it is not believed.
        assertThat(udpFrom("127.0.2.7", concat(header(false, false, "127.0.1.5", 40000), q), 700)).isNull();
        assertThat(events).doesNotContainKey(0x5400);
        assertThat(dropped(Transport.UDP, ProxyRejection.UNTRUSTED_HEADER)).isEqualTo(before + 1);
        // Without a header it is served as itself, as always.
        byte[] plain = udpFrom("127.0.2.7", RawDns.query(0x5401, "outlook.office365.com", Type.A), 3000);
        assertThat(regional(plain)).isEqualTo("SEA-efz.ms-acdc.office.com.");
        assertThat(events.get(0x5401).proxy()).isNull();
    }

    @Test
    void udpWithoutHeaderOrWithBadHeaderFromTrustedProxyIsDroppedAndCounted() throws IOException {
        double missing = dropped(Transport.UDP, ProxyRejection.MISSING_HEADER);
        double malformed = dropped(Transport.UDP, ProxyRejection.MALFORMED);
        byte[] q = RawDns.query(0x5500, "outlook.office365.com", Type.A);
        assertThat(udpFrom(PROXY, q, 700)).isNull();
        byte[] badVersion = header(false, false, "127.0.1.5", 40000);
        badVersion[12] = 0x31;
        assertThat(udpFrom(PROXY, concat(badVersion, q), 700)).isNull();
        byte[] tooLong = header(false, false, "127.0.1.5", 40000);
        tooLong[15] = (byte) 0xF0; // the length runs past the datagram
        assertThat(udpFrom(PROXY, concat(tooLong, q), 700)).isNull();
        byte[] cut = Arrays.copyOf(header(false, false, "127.0.1.5", 40000), 14);
        assertThat(udpFrom(PROXY, cut, 700)).isNull();
        assertThat(events).doesNotContainKey(0x5500);
        assertThat(dropped(Transport.UDP, ProxyRejection.MISSING_HEADER)).isEqualTo(missing + 1);
        assertThat(dropped(Transport.UDP, ProxyRejection.MALFORMED)).isEqualTo(malformed + 3);
    }

    static Socket tcpFrom(String source) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(source, 0));
        s.connect(dns, 2000);
        s.setSoTimeout(5000);
        return s;
    }

    /** Whether the server closed the connection (end of stream, or a reset as it had unread bytes). */
    static boolean closedUnanswered(Socket s) throws IOException {
        try {
            return s.getInputStream().read() == -1;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    @Test
    void tcpHeaderFromTrustedProxyHoldsForTheWholeConnection() throws IOException {
        try (Socket s = tcpFrom(PROXY)) {
            OutputStream out = s.getOutputStream();
            out.write(header(false, true, "127.0.4.9", 41000));
            RawDns.writeTcp(out, RawDns.query(0x5600, "outlook.office365.com", Type.A));
            RawDns.writeTcp(out, RawDns.query(0x5601, "outlook.office365.com", Type.A));
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            assertThat(regional(RawDns.readTcp(in))).isEqualTo("SYD-efz.ms-acdc.office.com.");
            assertThat(regional(RawDns.readTcp(in))).isEqualTo("SYD-efz.ms-acdc.office.com.");
        }
        assertThat(events.get(0x5601).sender()).isEqualTo(new InetSocketAddress("127.0.4.9", 41000));
        assertThat(events.get(0x5601).proxy().getAddress().getHostAddress()).isEqualTo(PROXY);
        assertThat(events.get(0x5601).transport()).isEqualTo(Transport.TCP);
    }

    @Test
    void tcpHeaderFromUntrustedSourceClosesTheConnectionAndIsCounted() throws Exception {
        double before = dropped(Transport.TCP, ProxyRejection.UNTRUSTED_HEADER);
        try (Socket s = tcpFrom("127.0.2.8")) {
            OutputStream out = s.getOutputStream();
            byte[] q = RawDns.query(0x5700, "outlook.office365.com", Type.A);
            out.write(concat(header(false, true, "127.0.1.5", 41000), concat(new byte[] {0, (byte) q.length}, q)));
            out.flush();
            assertThat(closedUnanswered(s)).isTrue();
        }
        assertThat(events).doesNotContainKey(0x5700);
        awaitDropped(Transport.TCP, ProxyRejection.UNTRUSTED_HEADER, before + 1);
        // Plain DNS over TCP from the same source is served as itself.
        try (Socket s = tcpFrom("127.0.2.8")) {
            RawDns.writeTcp(s.getOutputStream(), RawDns.query(0x5701, "outlook.office365.com", Type.A));
            assertThat(regional(RawDns.readTcp(new DataInputStream(s.getInputStream()))))
                    .isEqualTo("SEA-efz.ms-acdc.office.com.");
        }
    }

    @Test
    void tcpFromTrustedProxyWithoutOrWithBadHeaderIsClosedAndCounted() throws Exception {
        double missing = dropped(Transport.TCP, ProxyRejection.MISSING_HEADER);
        double malformed = dropped(Transport.TCP, ProxyRejection.MALFORMED);
        try (Socket s = tcpFrom(PROXY)) {
            RawDns.writeTcp(s.getOutputStream(), RawDns.query(0x5800, "outlook.office365.com", Type.A));
            assertThat(closedUnanswered(s)).isTrue();
        }
        try (Socket s = tcpFrom(PROXY)) {
            byte[] bad = header(false, true, "127.0.1.5", 41000);
            bad[13] = 0x71; // no such address family
            byte[] q = RawDns.query(0x5801, "outlook.office365.com", Type.A);
            byte[] framed = concat(new byte[] {0, (byte) q.length}, q);
            s.getOutputStream().write(concat(bad, framed)); // one write: the server closes after the header
            assertThat(closedUnanswered(s)).isTrue();
        }
        assertThat(events).doesNotContainKeys(0x5800, 0x5801);
        awaitDropped(Transport.TCP, ProxyRejection.MISSING_HEADER, missing + 1);
        awaitDropped(Transport.TCP, ProxyRejection.MALFORMED, malformed + 1);
    }
}
