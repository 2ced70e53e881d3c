package dev.geodns.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.server.engine.QueryEngine;
import dev.geodns.server.engine.QueryObserver;
import dev.geodns.server.engine.Transport;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The meters after real dnsjava queries over the wire, asserted together with the answers that
 * produced them (a fresh server, hence fresh counters, per test).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DnsMetricsTest {
    MetricsServer s;

    @BeforeEach
    void start() throws Exception {
        s = new MetricsServer();
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private static String regional(Message m) {
        return m.getSection(Section.ANSWER).stream().filter(r -> r.getType() == Type.CNAME)
                .map(r -> ((CNAMERecord) r).getTarget().toString()).reduce((a, b) -> b).orElse(null);
    }

    private static Integer scope(Message m) {
        OPTRecord opt = m.getOPT();
        if (opt == null) {
            return null;
        }
        List<EDNSOption> ecs = opt.getOptions(EDNSOption.Code.CLIENT_SUBNET);
        return ecs.isEmpty() ? null : ((ClientSubnetOption) ecs.get(0)).getScopePrefixLength();
    }

    private static List<EDNSOption> ecs(String address, int prefix) throws Exception {
        return List.of(new ClientSubnetOption(prefix, java.net.InetAddress.getByName(address)));
    }

    private static void await(DoubleSupplier value, double expected) throws InterruptedException {
        for (int i = 0; i < 500 && value.getAsDouble() != expected; i++) {
            Thread.sleep(10);
        }
        assertThat(value.getAsDouble()).isEqualTo(expected);
    }

    @Test
    void routedAnswerCountsQueryAnswerLocatorAndLatency() throws Exception {
        Message m = s.ask("127.0.1.1", false, "outlook.office365.com", Type.A, null);

        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(regional(m)).isEqualTo("FRA-efz.ms-acdc.office.com.");
        assertThat(s.count(DnsMetrics.QUERIES, "transport", "udp", "qtype", "A", "rcode", "NOERROR")).isEqualTo(1);
        assertThat(s.count(DnsMetrics.ANSWERS, "service", "exchange", "policy", "nearest", "site", "fra")).isEqualTo(1);
        assertThat(s.count(DnsMetrics.LOCATOR, "source", "source-address", "origin", "lab-network")).isEqualTo(1);
        assertThat(s.count(DnsMetrics.LOCATOR, "source", "ecs", "origin", "lab-network")).isZero();
        assertThat(s.count(DnsMetrics.ECS_PRESENT)).isZero();
        assertThat(s.count(DnsMetrics.DURATION, "transport", "udp")).isEqualTo(1);
        assertThat(s.count(DnsMetrics.TRUNCATED, "transport", "udp")).isZero();
    }

    @Test
    void ecsIsCountedPresentAndUsedOnlyWhenTheServiceHonoursIt() throws Exception {
        // Asked from Seattle for a Berlin subnet: exchange honours ECS and answers Frankfurt, scope /24.
        Message exchange = s.ask("127.0.2.1", false, "outlook.office365.com", Type.A, ecs("192.0.2.0", 24));
        assertThat(regional(exchange)).isEqualTo("FRA-efz.ms-acdc.office.com.");
        assertThat(scope(exchange)).isEqualTo(24);
        assertThat(s.count(DnsMetrics.ECS_PRESENT)).isEqualTo(1);
        assertThat(s.count(DnsMetrics.ECS_USED)).isEqualTo(1);
        assertThat(s.count(DnsMetrics.LOCATOR, "source", "ecs", "origin", "lab-network")).isEqualTo(1);

        // The portal ignores ECS: located by the resolver (Seattle), scope 0.
        Message portal = s.ask("127.0.2.1", false, "portal.office.com", Type.A, ecs("192.0.2.0", 24));
        assertThat(regional(portal)).isEqualTo("SEA-www.ms-acdc.office.com.");
        assertThat(scope(portal)).isZero();
        assertThat(s.count(DnsMetrics.ECS_PRESENT)).isEqualTo(2);
        assertThat(s.count(DnsMetrics.ECS_USED)).isEqualTo(1);
        assertThat(s.count(DnsMetrics.LOCATOR, "source", "source-address", "origin", "lab-network")).isEqualTo(1);
        assertThat(s.count(DnsMetrics.ANSWERS, "service", "portal", "policy", "nearest", "site", "sea")).isEqualTo(1);
    }

    @Test
    void unplacedAskerIsCountedUnknownAndGetsTheDefaultSite() throws Exception {
        Message m = s.ask("127.0.9.1", false, "outlook.office365.com", Type.A, null);
        assertThat(regional(m)).isEqualTo("FRA-efz.ms-acdc.office.com.");
        assertThat(s.count(DnsMetrics.LOCATOR, "source", "source-address", "origin", "unknown")).isEqualTo(1);
        assertThat(s.count(DnsMetrics.ANSWERS, "service", "exchange", "policy", "nearest", "site", "fra")).isEqualTo(1);
    }

    @Test
    void activeTenantAnswerIsCountedByItsPolicy() throws Exception {
        Message m = s.ask("127.0.4.1", false, "contoso.sharepoint.com", Type.A, null);
        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(s.count(DnsMetrics.ANSWERS, "service", "sharepoint", "policy", "active", "site", "us-boydton"))
                .isEqualTo(1);
    }

    @Test
    void staticNegativeAndRareTypesFoldIntoBoundedTags() throws Exception {
        assertThat(s.ask("127.0.0.1", false, "www.example.org", Type.AAAA, null).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(s.ask("127.0.0.1", false, "nosuch.example.org", Type.A, null).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(s.ask("127.0.0.1", false, "www.example.net", Type.A, null).getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(s.ask("127.0.0.1", false, "www.example.org", Type.NAPTR, null).getRcode()).isEqualTo(Rcode.NOERROR);

        assertThat(s.count(DnsMetrics.QUERIES, "transport", "udp", "qtype", "AAAA", "rcode", "NOERROR")).isEqualTo(1);
        assertThat(s.count(DnsMetrics.QUERIES, "transport", "udp", "qtype", "A", "rcode", "NXDOMAIN")).isEqualTo(1);
        assertThat(s.count(DnsMetrics.QUERIES, "transport", "udp", "qtype", "A", "rcode", "REFUSED")).isEqualTo(1);
        assertThat(s.count(DnsMetrics.QUERIES, "transport", "udp", "qtype", "OTHER", "rcode", "NOERROR")).isEqualTo(1);
        assertThat(s.metrics.registry().find(DnsMetrics.ANSWERS).counters()).isEmpty();
    }

    @Test
    void latencyIsSampledOneQueryInSixteenPerEventLoop() throws Exception {
        int asked = 2 * QueryEngine.TIMING_SAMPLE + 1;
        for (int i = 0; i < asked; i++) {
            assertThat(s.ask("127.0.0.1", false, "www.example.org", Type.A, null).getRcode()).isEqualTo(Rcode.NOERROR);
        }
        assertThat(s.count(DnsMetrics.QUERIES, "transport", "udp", "qtype", "A", "rcode", "NOERROR")).isEqualTo(asked);
        // Each of the server's two event loops times its first query, then one in 16: however the
        // kernel spreads 33 queries over the two sockets, that makes 3 timed (1 + 2 or 3 + 0).
        assertThat(s.count(DnsMetrics.DURATION, "transport", "udp")).isEqualTo(3);
    }

    @Test
    void truncatedUdpAnswerIsCountedAndTheTcpRetryToo() throws Exception {
        // Larger than the 1232-byte EDNS payload: TC over UDP; dnsjava retries over TCP when it sees TC.
        Message m = s.ask("127.0.0.1", false, "huge.example.org", Type.TXT, null);
        assertThat(m.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(m.getSection(Section.ANSWER)).hasSize(7);
        assertThat(s.count(DnsMetrics.TRUNCATED, "transport", "udp")).isEqualTo(1);
        assertThat(s.count(DnsMetrics.QUERIES, "transport", "udp", "qtype", "TXT", "rcode", "NOERROR")).isEqualTo(1);
        assertThat(s.count(DnsMetrics.QUERIES, "transport", "tcp", "qtype", "TXT", "rcode", "NOERROR")).isEqualTo(1);
        assertThat(s.count(DnsMetrics.TRUNCATED, "transport", "tcp")).isZero();
    }

    @Test
    void failedAnswerIsCountedByTransport() {
        // No query can make the engine fail on purpose: the engine's own tests cover the SERVFAIL path.
        s.metrics.dns().andThen(QueryObserver.NONE).failed(Transport.TCP, new IllegalStateException("bug"));
        assertThat(s.count(DnsMetrics.FAILURES, "transport", "tcp")).isEqualTo(1);
        assertThat(s.count(DnsMetrics.FAILURES, "transport", "udp")).isZero();
    }

    @Test
    void malformedPacketIsCountedAsDropped() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            byte[] garbage = {1, 2, 3, 4, 5};
            socket.send(new DatagramPacket(garbage, garbage.length, s.dnsAddress()));
        }
        await(() -> s.count(DnsMetrics.DROPPED, "transport", "udp"), 1);
        assertThat(s.metrics.registry().find(DnsMetrics.QUERIES).counters()).isEmpty();
    }

    @Test
    void tcpConnectionsAreCountedOpenClosedAndRefused() throws Exception {
        Message m = s.ask("127.0.0.1", true, "www.example.org", Type.A, null);
        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(s.count(DnsMetrics.QUERIES, "transport", "tcp", "qtype", "A", "rcode", "NOERROR")).isEqualTo(1);
        assertThat(s.count(TransportMetrics.TCP_OPENED)).isEqualTo(1);
        await(() -> s.gauge(TransportMetrics.TCP_OPEN), 0);

        // The test server allows two concurrent connections: the third is refused.
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                held.add(new Socket(s.dnsAddress().getAddress(), s.dnsAddress().getPort()));
            }
            await(() -> s.gauge(TransportMetrics.TCP_OPEN), 2);
            held.add(new Socket(s.dnsAddress().getAddress(), s.dnsAddress().getPort()));
            await(() -> s.count(TransportMetrics.TCP_REFUSED), 1);
            assertThat(s.gauge(TransportMetrics.TCP_OPEN)).isEqualTo(2);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        await(() -> s.gauge(TransportMetrics.TCP_OPEN), 0);
        assertThat(s.count(TransportMetrics.TCP_OPENED)).isEqualTo(3);
    }
}
