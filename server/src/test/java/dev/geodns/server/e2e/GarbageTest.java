package dev.geodns.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.server.GeoDnsServer;
import dev.geodns.server.transport.TransportListener;
import java.io.DataInputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** Thousands of random and mutated packets never crash a worker; the next good query is answered. */
class GarbageTest {
    @Test
    void randomAndMutatedPacketsNeverBreakTheServer() throws Exception {
        AtomicInteger errors = new AtomicInteger();
        TransportListener listener = new TransportListener() {
            @Override
            public void error(Throwable cause) {
                errors.incrementAndGet();
            }
        };
        try (GeoDnsServer server = GeoDnsServer.builder().world(TestServer.testWorld())
                .dns(new InetSocketAddress("127.0.0.1", 0)).transportListener(listener).threads(2).start()) {
            InetSocketAddress target = server.dnsAddresses().get(0);
            Random random = new Random(20261122L); // fixed seed: a failure is reproducible
            byte[][] seeds = {
                RawDns.query(1, "outlook.office365.com", Type.A),
                RawDns.query(2, "contoso.sharepoint.com", Type.AAAA),
                RawDns.query(3, "x.wild.example.org", Type.TXT),
                withEcsOption(RawDns.query(4, "outlook.office.com", Type.A)),
            };
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                for (int i = 0; i < 5000; i++) {
                    byte[] packet;
                    if (i % 3 == 0) {
                        packet = new byte[random.nextInt(80)];
                        random.nextBytes(packet);
                    } else {
                        byte[] seed = seeds[random.nextInt(seeds.length)];
                        packet = java.util.Arrays.copyOf(seed, Math.max(1, seed.length + random.nextInt(9) - 4));
                        int flips = 1 + random.nextInt(4);
                        for (int f = 0; f < flips; f++) {
                            packet[random.nextInt(packet.length)] = (byte) random.nextInt(256);
                        }
                    }
                    s.send(new DatagramPacket(packet, packet.length, target));
                    if (i % 500 == 0) {
                        Thread.sleep(5); // bounded: let the socket buffers drain
                    }
                }
            }
            try (Socket tcp = RawDns.tcp(target)) {
                byte[] junk = new byte[300];
                random.nextBytes(junk);
                junk[0] = 0;
                junk[1] = (byte) 40; // a 40-byte frame of noise, then more noise
                tcp.getOutputStream().write(junk);
                RawDns.writeTcp(tcp.getOutputStream(), RawDns.query(99, "www.example.org", Type.A));
            } catch (java.io.IOException ignored) {
                // the server may close a connection that sent garbage: that is allowed
            }
            byte[] good = RawDns.udp(target, RawDns.query(4242, "www.example.org", Type.A), 3000);
            assertThat(good).isNotNull();
            assertThat(RawDns.id(good)).isEqualTo(4242);
            assertThat(RawDns.rcode(good)).isEqualTo(Rcode.NOERROR);
            try (Socket tcp = RawDns.tcp(target)) {
                RawDns.writeTcp(tcp.getOutputStream(), RawDns.query(4343, "www.example.org", Type.A));
                assertThat(RawDns.id(RawDns.readTcp(new DataInputStream(tcp.getInputStream())))).isEqualTo(4343);
            }
            assertThat(errors.get()).as("exceptions caught in handlers").isZero();
        }
    }

    /** Appends an OPT with an ECS option (127.0.1.0/24) to a query. */
    static byte[] withEcsOption(byte[] query) {
        byte[] opt = {0, 0, 41, 0x04, (byte) 0xd0, 0, 0, 0, 0, 0, 11, 0, 8, 0, 7, 0, 1, 24, 0, 127, 0, 1};
        byte[] out = java.util.Arrays.copyOf(query, query.length + opt.length);
        System.arraycopy(opt, 0, out, query.length, opt.length);
        out[11] = 1; // ARCOUNT
        return out;
    }
}
