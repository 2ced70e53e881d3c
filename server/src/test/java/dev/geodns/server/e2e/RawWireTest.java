package dev.geodns.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.server.transport.TcpSettings;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Wire-level behaviours checked with hand-made packets and raw UDP/TCP sockets. */
class RawWireTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(TestServer.testWorld(), new TcpSettings(Duration.ofMillis(1500), 8));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static byte[] udp(byte[] packet) throws IOException {
        return RawDns.udp(server.v4, packet, 2000);
    }

    @Test
    void questionIsEchoedByteForByte() throws IOException {
        byte[] q = RawDns.query(0x1234, "wWw.ExAmPlE.oRg", Type.A);
        byte[] r = udp(q);
        assertThat(RawDns.id(r)).isEqualTo(0x1234);
        assertThat(Arrays.copyOfRange(r, 12, q.length)).isEqualTo(Arrays.copyOfRange(q, 12, q.length));
        Message m = new Message(r);
        assertThat(m.getSection(Section.ANSWER)).hasSize(1);
    }

    @Test
    void responsesAreDroppedAndTheServerKeepsServing() throws IOException {
        byte[] response = RawDns.query(7, 0x8100, 1, "www.example.org", Type.A);
        assertThat(RawDns.udp(server.v4, response, 400)).isNull();
        assertThat(RawDns.udp(server.v4, new byte[] {1, 2, 3, 4, 5}, 400)).isNull();
        assertThat(RawDns.rcode(udp(RawDns.query(8, "www.example.org", Type.A)))).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void qdcountOtherThanOneIsFormerr() throws IOException {
        byte[] none = RawDns.query(21, 0x0100, 0, "www.example.org", Type.A);
        byte[] noQuestion = Arrays.copyOf(none, 12);
        byte[] r0 = udp(noQuestion);
        assertThat(RawDns.id(r0)).isEqualTo(21);
        assertThat(RawDns.rcode(r0)).isEqualTo(Rcode.FORMERR);
        byte[] two = RawDns.query(22, 0x0100, 2, "www.example.org", Type.A);
        byte[] r2 = udp(two);
        assertThat(RawDns.rcode(r2)).isEqualTo(Rcode.FORMERR);
        assertThat(RawDns.id(r2)).isEqualTo(22);
    }

    @Test
    void truncatedPacketWithReadableHeaderIsFormerr() throws IOException {
        byte[] q = RawDns.query(31, "www.example.org", Type.A);
        byte[] cut = Arrays.copyOf(q, 20);
        byte[] r = udp(cut);
        assertThat(RawDns.id(r)).isEqualTo(31);
        assertThat(RawDns.rcode(r)).isEqualTo(Rcode.FORMERR);
        assertThat(r[2] & 0x80).isEqualTo(0x80); // QR
    }

    @Test
    void trailingGarbageIsFormerr() throws IOException {
        byte[] q = RawDns.query(32, "www.example.org", Type.A);
        byte[] longer = Arrays.copyOf(q, q.length + 3);
        assertThat(RawDns.rcode(udp(longer))).isEqualTo(Rcode.FORMERR);
    }

    @Test
    void pipelinedTcpQueriesAreAllAnswered() throws IOException {
        try (Socket s = RawDns.tcp(server.v4)) {
            OutputStream out = s.getOutputStream();
            java.io.ByteArrayOutputStream batch = new java.io.ByteArrayOutputStream();
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(1000 + i);
                RawDns.writeTcp(batch, RawDns.query(1000 + i, i % 2 == 0 ? "www.example.org" : "alias.example.org", Type.A));
            }
            out.write(batch.toByteArray()); // one write: the queries arrive back to back
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            List<Integer> got = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                byte[] r = RawDns.readTcp(in);
                assertThat(RawDns.rcode(r)).isEqualTo(Rcode.NOERROR);
                got.add(RawDns.id(r));
            }
            assertThat(got).containsExactlyElementsOf(ids);
        }
    }

    @Test
    void idleTcpConnectionIsClosedByTheServer() throws IOException {
        try (Socket s = RawDns.tcp(server.v4)) {
            long start = System.nanoTime();
            int read = s.getInputStream().read(); // blocks until the server closes (idle timeout 1.5 s)
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(read).isEqualTo(-1);
            assertThat(ms).isBetween(1000L, 4900L);
        }
    }

    @Test
    void slowClientDoesNotBlockOthers() throws IOException {
        try (Socket stalled = RawDns.tcp(server.v4)) {
            stalled.getOutputStream().write(new byte[] {0, 40, 1, 2}); // a frame that never completes
            stalled.getOutputStream().flush();
            assertThat(RawDns.rcode(udp(RawDns.query(41, "www.example.org", Type.A)))).isEqualTo(Rcode.NOERROR);
            try (Socket other = RawDns.tcp(server.v4)) {
                RawDns.writeTcp(other.getOutputStream(), RawDns.query(42, "www.example.org", Type.A));
                byte[] r = RawDns.readTcp(new DataInputStream(other.getInputStream()));
                assertThat(RawDns.id(r)).isEqualTo(42);
            }
        }
    }

    @Test
    void connectionsBeyondTheCapAreClosedAtOnce() throws Exception {
        try (TestServer capped = TestServer.start(TestServer.testWorld(), new TcpSettings(Duration.ofSeconds(30), 3))) {
            List<Socket> open = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Socket s = RawDns.tcp(capped.v4);
                    RawDns.writeTcp(s.getOutputStream(), RawDns.query(50 + i, "www.example.org", Type.A));
                    assertThat(RawDns.id(RawDns.readTcp(new DataInputStream(s.getInputStream())))).isEqualTo(50 + i);
                    open.add(s);
                }
                try (Socket extra = RawDns.tcp(capped.v4)) {
                    assertThat(extra.getInputStream().read()).isEqualTo(-1);
                }
                // The connections within the cap still work.
                RawDns.writeTcp(open.get(0).getOutputStream(), RawDns.query(60, "www.example.org", Type.A));
                assertThat(RawDns.id(RawDns.readTcp(new DataInputStream(open.get(0).getInputStream())))).isEqualTo(60);
            } finally {
                for (Socket s : open) {
                    s.close();
                }
            }
        }
    }
}
