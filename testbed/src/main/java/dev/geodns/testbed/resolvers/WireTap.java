package dev.geodns.testbed.resolvers;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A UDP relay between resolvers and the emulator that records each question exactly as the resolver
 * wrote it, case included (the emulator's log holds names lower-cased): the way to see DNS 0x20 case
 * randomisation on the wire. Each query is sent on from a socket bound to the sender's own address,
 * so the emulator still locates the resolver. UDP only (a truncated answer's TCP retry is not
 * relayed). Thread-safe.
 */
public final class WireTap implements AutoCloseable {
    private static final int MAX_PACKET = 65535;
    private static final int UPSTREAM_TIMEOUT_MS = 2000;

    /** One question as sent: the name byte for byte in presentation form (case kept), and its type. */
    public record Tapped(InetSocketAddress sender, String name, int qtype) {
    }

    private final DatagramSocket socket;
    private final InetSocketAddress target;
    private final ExecutorService workers;
    private final Thread receiver;
    private final List<Tapped> tapped = new ArrayList<>();

    private WireTap(DatagramSocket socket, InetSocketAddress target) {
        this.socket = socket;
        this.target = target;
        this.workers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "wire-tap-relay");
            t.setDaemon(true);
            return t;
        });
        this.receiver = new Thread(this::receive, "wire-tap");
        this.receiver.setDaemon(true);
    }

    /** Listens on {@code listen} (port 0 picks one) and relays to {@code target}, the emulator. */
    public static WireTap start(InetSocketAddress listen, InetSocketAddress target) throws SocketException {
        WireTap tap = new WireTap(new DatagramSocket(listen), target);
        tap.receiver.start();
        return tap;
    }

    /** Where resolvers should send: give it as {@link ResolverSpec#upstream()}. */
    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Every question relayed so far, in arrival order. */
    public List<Tapped> tapped() {
        synchronized (tapped) {
            return List.copyOf(tapped);
        }
    }

    /** Stops relaying; waits at most a few seconds for relays in flight. */
    @Override
    public void close() {
        socket.close();
        workers.shutdownNow();
        try {
            receiver.join(TimeUnit.SECONDS.toMillis(2));
            workers.awaitTermination(UPSTREAM_TIMEOUT_MS + 1000L, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void receive() {
        byte[] buf = new byte[MAX_PACKET];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                return; // closed
            }
            byte[] query = Arrays.copyOf(p.getData(), p.getLength());
            InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
            String name = questionName(query);
            if (name != null) {
                synchronized (tapped) {
                    tapped.add(new Tapped(from, name, questionType(query)));
                }
            }
            workers.execute(() -> relay(query, from));
        }
    }

    private void relay(byte[] query, InetSocketAddress from) {
        try (DatagramSocket up = new DatagramSocket(new InetSocketAddress(from.getAddress(), 0))) {
            up.setSoTimeout(UPSTREAM_TIMEOUT_MS);
            up.send(new DatagramPacket(query, query.length, target));
            byte[] buf = new byte[MAX_PACKET];
            DatagramPacket reply = new DatagramPacket(buf, buf.length);
            up.receive(reply);
            socket.send(new DatagramPacket(buf, reply.getLength(), from));
        } catch (IOException e) {
            // no reply (or closing): the resolver times out and retries, as with a lost packet
        }
    }

    /** The question name as written (RFC 1035 section 4.1.2), or null for a packet without one. */
    static String questionName(byte[] m) {
        if (m.length < 13 || ((m[4] & 0xff) << 8 | (m[5] & 0xff)) == 0) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        int i = 12;
        while (i < m.length && m[i] != 0) {
            int len = m[i] & 0xff;
            if (len > 63 || i + len >= m.length) {
                return null;
            }
            b.append(new String(m, i + 1, len, StandardCharsets.ISO_8859_1)).append('.');
            i += len + 1;
        }
        return b.length() == 0 ? "." : b.toString();
    }

    private static int questionType(byte[] m) {
        int i = 12;
        while (i < m.length && m[i] != 0) {
            i += (m[i] & 0xff) + 1;
        }
        return i + 2 < m.length ? (m[i + 1] & 0xff) << 8 | (m[i + 2] & 0xff) : -1;
    }

    /** True when {@code name} has both upper- and lower-case letters: the mark of 0x20 randomisation. */
    public static boolean mixedCase(String name) {
        return !name.equals(name.toLowerCase(Locale.ROOT)) && !name.equals(name.toUpperCase(Locale.ROOT));
    }
}
