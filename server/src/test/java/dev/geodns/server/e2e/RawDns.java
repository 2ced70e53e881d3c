package dev.geodns.server.e2e;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Hand-made DNS packets and raw sockets, for what a well-behaved client library cannot send. */
final class RawDns {
    private RawDns() {
    }

    /** A query for {@code name} (spelled exactly as given), with the given header words. */
    static byte[] query(int id, int flags, int qdcount, String name, int qtype) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeShort(out, id);
        writeShort(out, flags);
        writeShort(out, qdcount);
        writeShort(out, 0);
        writeShort(out, 0);
        writeShort(out, 0);
        for (String label : name.split("\\.")) {
            if (label.isEmpty()) {
                continue;
            }
            byte[] b = label.getBytes(StandardCharsets.US_ASCII);
            out.write(b.length);
            out.writeBytes(b);
        }
        out.write(0);
        writeShort(out, qtype);
        writeShort(out, 1);
        return out.toByteArray();
    }

    static byte[] query(int id, String name, int qtype) {
        return query(id, 0x0100, 1, name, qtype);
    }

    private static void writeShort(ByteArrayOutputStream out, int v) {
        out.write(v >> 8);
        out.write(v);
    }

    /** Sends over UDP and waits up to {@code timeoutMs} for a reply; null when none came. */
    static byte[] udp(InetSocketAddress server, byte[] packet, int timeoutMs) throws IOException {
        return udpFrom("127.0.0.1", server, packet, timeoutMs);
    }

    /** Like {@link #udp}, sent from {@code source} (a lab place's address, or a proxy's). */
    static byte[] udpFrom(String source, InetSocketAddress server, byte[] packet, int timeoutMs) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(source, 0))) {
            s.setSoTimeout(timeoutMs);
            s.send(new DatagramPacket(packet, packet.length, server));
            byte[] buf = new byte[65535];
            DatagramPacket reply = new DatagramPacket(buf, buf.length);
            try {
                s.receive(reply);
            } catch (SocketTimeoutException e) {
                return null;
            }
            return Arrays.copyOf(buf, reply.getLength());
        }
    }

    static void writeTcp(OutputStream out, byte[] packet) throws IOException {
        out.write(packet.length >> 8);
        out.write(packet.length);
        out.write(packet);
    }

    static byte[] readTcp(DataInputStream in) throws IOException {
        int len = in.readUnsignedShort();
        byte[] b = new byte[len];
        in.readFully(b);
        return b;
    }

    static Socket tcp(InetSocketAddress server) throws IOException {
        Socket s = new Socket();
        s.connect(server, 2000);
        s.setSoTimeout(5000);
        return s;
    }

    static int id(byte[] response) {
        return ((response[0] & 0xff) << 8) | (response[1] & 0xff);
    }

    static int rcode(byte[] response) {
        return response[3] & 0x0f;
    }

    static int flags(byte[] response) {
        return ((response[2] & 0xff) << 8) | (response[3] & 0xff);
    }
}
