package dev.geodns.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.server.GeoDnsServer;
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
 * The UDP recvmmsg loop ({@code transport/RecvmmsgUdpListener}). The build starts test JVMs with
 * the foreign-function flags, so every wire test of this module goes through the loop; this class
 * checks that it really is in use, that a burst from many sources is answered each to its own
 * sender, that Netty takes over when the loop is turned off, and that closing leaves no thread.
 */
class RecvmmsgUdpTest {
    private static GeoDnsServer start() throws Exception {
        return GeoDnsServer.builder().world(TestServer.testWorld())
                .dns(new InetSocketAddress("127.0.0.1", 0)).threads(2).start();
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
    void ipv4ListenersRunTheLoopInTheTestJvm() throws Exception {
        try (GeoDnsServer server = start()) {
            InetSocketAddress target = server.dnsAddresses().get(0);
            assertThat(server.recvmmsgUdp()).as("test JVMs run with --add-modules jdk.incubator.foreign").isTrue();
            assertThat(loopThreads(target.getPort())).hasSize(2);
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
            byte[] answer = RawDns.udp(target, RawDns.query(8, "www.example.org", Type.A), 3000);
            assertThat(RawDns.id(answer)).isEqualTo(8);
        } finally {
            System.clearProperty("geodns.udp");
        }
    }

    @Test
    void closingStopsTheLoopThreads() throws Exception {
        GeoDnsServer server = start();
        int port = server.dnsAddresses().get(0).getPort();
        assertThat(loopThreads(port)).hasSize(2);
        server.close();
        assertThat(loopThreads(port)).isEmpty();
    }
}
