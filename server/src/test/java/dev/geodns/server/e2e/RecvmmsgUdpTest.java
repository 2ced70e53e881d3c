package dev.geodns.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodns.server.GeoDnsServer;
import dev.geodns.server.transport.DnsServer;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * The UDP recvmmsg loop ({@code transport/RecvmmsgUdpListener}, JDK 22+). On JDK 22 and later the
 * build gives test JVMs native access, so every UDP wire test of this module on an IPv4 address
 * goes through the loop; on JDK 17 they go through Netty. This class checks which one really is in
 * use for the JDK running it, that a burst from many sources is answered each to its own sender,
 * that Netty takes over when the loop is turned off, that a taken port is reported as such, and
 * that closing leaves no thread.
 */
class RecvmmsgUdpTest {
    /** The JDK that runs this test decides: the loop from JDK 22, Netty before. */
    private static final boolean LOOP_EXPECTED = Runtime.version().feature() >= 22;
    private static final int THREADS = 2;

    private static GeoDnsServer start() throws Exception {
        return GeoDnsServer.builder().world(TestServer.testWorld())
                .dns(new InetSocketAddress("127.0.0.1", 0)).threads(THREADS).start();
    }

    private static List<Thread> loopThreads(int port) {
        List<Thread> out = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("geodns-udp-" + port + "-") && t.isAlive()) {
                out.add(t);
            }
        }
        return out;
    }

    @Test
    void ipv4ListenersRunTheLoopFromJdk22AndNettyBefore() throws Exception {
        try (GeoDnsServer server = start()) {
            InetSocketAddress target = server.dnsAddresses().get(0);
            if (LOOP_EXPECTED) {
                assertThat(DnsServer.recvmmsgUnavailableReason()).isNull();
                assertThat(server.recvmmsgUdp()).as("JDK %s test JVMs allow native access", Runtime.version())
                        .isTrue();
                assertThat(loopThreads(target.getPort())).hasSize(THREADS);
            } else {
                assertThat(DnsServer.recvmmsgUnavailableReason()).contains("needs JDK 22 or later");
                assertThat(server.recvmmsgUdp()).isFalse();
                assertThat(loopThreads(target.getPort())).isEmpty();
            }
            byte[] answer = RawDns.udp(target, RawDns.query(7, "www.example.org", Type.A), 3000);
            assertThat(RawDns.id(answer)).isEqualTo(7);
            assertThat(RawDns.rcode(answer)).isEqualTo(Rcode.NOERROR);
        }
    }

    @Test
    void aBurstFromManySourcesIsAnsweredEachToItsOwnSender() throws Exception {
        int sources = 8;
        int perSource = 40;
        try (GeoDnsServer server = start()) {
            InetSocketAddress target = server.dnsAddresses().get(0);
            List<DatagramSocket> sockets = new ArrayList<>();
            try {
                for (int s = 0; s < sources; s++) {
                    DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0." + (10 + s), 0));
                    socket.setSoTimeout(3000);
                    sockets.add(socket);
                }
                // Everything is sent before anything is read, so reads come in batches of several.
                for (int q = 0; q < perSource; q++) {
                    for (int s = 0; s < sources; s++) {
                        byte[] query = RawDns.query(s * 1000 + q, "www.example.org", Type.A);
                        sockets.get(s).send(new DatagramPacket(query, query.length, target));
                    }
                }
                for (int s = 0; s < sources; s++) {
                    Set<Integer> ids = new HashSet<>();
                    byte[] buffer = new byte[1500];
                    for (int q = 0; q < perSource; q++) {
                        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                        sockets.get(s).receive(p);
                        byte[] answer = java.util.Arrays.copyOf(p.getData(), p.getLength());
                        assertThat(RawDns.rcode(answer)).isEqualTo(Rcode.NOERROR);
                        ids.add(RawDns.id(answer));
                    }
                    Set<Integer> expected = new HashSet<>();
                    for (int q = 0; q < perSource; q++) {
                        expected.add(s * 1000 + q);
                    }
                    assertThat(ids).as("answers received by source %d", s).isEqualTo(expected);
                }
            } finally {
                for (DatagramSocket socket : sockets) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void nettyServesUdpWhenTheLoopIsTurnedOff() throws Exception {
        System.setProperty("geodns.udp", "netty");
        try (GeoDnsServer server = start()) {
            InetSocketAddress target = server.dnsAddresses().get(0);
            assertThat(server.recvmmsgUdp()).isFalse();
            assertThat(loopThreads(target.getPort())).isEmpty();
            assertThat(DnsServer.recvmmsgUnavailableReason()).isEqualTo("turned off by -Dgeodns.udp=netty");
            byte[] answer = RawDns.udp(target, RawDns.query(8, "www.example.org", Type.A), 3000);
            assertThat(RawDns.id(answer)).isEqualTo(8);
        } finally {
            System.clearProperty("geodns.udp");
        }
    }

    @Test
    void aUdpPortTakenByAnotherSocketIsReportedAsInUse() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", taken.getLocalPort());
            // TCP binds (another protocol), UDP cannot: the loop reports errno EADDRINUSE as Netty does
            assertThatThrownBy(() -> GeoDnsServer.builder().world(TestServer.testWorld()).dns(address)
                    .threads(THREADS).start())
                    .isInstanceOf(BindException.class)
                    .hasMessageContaining("UDP")
                    .message().containsIgnoringCase("in use");
        }
    }

    @Test
    void closingStopsTheLoopThreads() throws Exception {
        GeoDnsServer server = start();
        int port = server.dnsAddresses().get(0).getPort();
        assertThat(loopThreads(port)).hasSize(LOOP_EXPECTED ? THREADS : 0);
        server.close();
        assertThat(loopThreads(port)).isEmpty();
    }
}
