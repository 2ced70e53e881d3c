package dev.geodns.server.dns;

import dev.geodns.server.geo.ClientSubnet;

/**
 * One decoded query, reused per worker thread so that decoding allocates nothing (the ECS option,
 * rare in practice, is the exception). Not thread-safe: one instance per event loop.
 *
 * <p>{@link #name} holds the question name in lower-cased wire form (length-prefixed labels, ending
 * with the root label), {@link #nameLength} bytes long: the lookup key. The question as the client
 * wrote it (case preserved, RFC 4343 / DNS 0x20) stays in the packet at offset 12 and is copied
 * back byte for byte.
 */
public final class WireQuery {
    public static final int MAX_NAME = 255;

    public int id;
    /** The second 16-bit word of the header (QR, opcode, AA, TC, RD, RA, Z, AD, CD, rcode). */
    public int flags;
    public final byte[] name = new byte[MAX_NAME];
    public int nameLength;
    /**
     * The question section exactly as received (name in the client's case, QTYPE, QCLASS), copied
     * here once so the response is written from a heap array (a buffer-to-buffer copy from the
     * direct receive buffer costs an NIO view object per response).
     */
    public final byte[] question = new byte[MAX_NAME + 4];
    public int qtype;
    public int qclass;
    /** Offset just past QTYPE/QCLASS: header and question are the first {@code questionEnd} bytes. */
    public int questionEnd;

    public boolean hasOpt;
    public int udpPayloadSize;
    public int ednsVersion;
    public boolean dnssecOk;
    public boolean nsidRequested;
    public ClientSubnet clientSubnet;

    /**
     * Not part of the query: the engine's countdown to the next query it times on this thread
     * (this object is per thread). Decoding leaves it alone.
     */
    public int untilTimed;

    void reset() {
        id = 0;
        flags = 0;
        nameLength = 0;
        qtype = 0;
        qclass = 0;
        questionEnd = 0;
        hasOpt = false;
        udpPayloadSize = 512;
        ednsVersion = 0;
        dnssecOk = false;
        nsidRequested = false;
        clientSubnet = null;
    }

    public int opcode() {
        return (flags >> 11) & 0xf;
    }

    /** The question name in presentation form, lower case (allocates: for logs and explain only). */
    public String nameText() {
        return nameText(name, nameLength);
    }

    /**
     * A lower-cased wire-form name ({@code length} bytes of {@code wire}) in presentation form, with
     * the trailing dot and RFC 1035 5.1 escapes.
     */
    public static String nameText(byte[] wire, int length) {
        if (length <= 1) {
            return ".";
        }
        StringBuilder sb = new StringBuilder(length);
        int i = 0;
        while (i < length && wire[i] != 0) {
            int len = wire[i] & 0xff;
            for (int j = 1; j <= len && i + j < length; j++) {
                int c = wire[i + j] & 0xff;
                if (c == '.' || c == '\\') {
                    sb.append('\\').append((char) c);
                } else if (c <= 0x20 || c >= 0x7f) {
                    sb.append('\\').append(String.format("%03d", c));
                } else {
                    sb.append((char) c);
                }
            }
            sb.append('.');
            i += len + 1;
        }
        return sb.toString();
    }
}
