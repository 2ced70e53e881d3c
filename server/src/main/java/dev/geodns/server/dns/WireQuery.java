package dev.geodns.server.dns;

/**
 * One decoded query: what {@link QueryDecoder} read from the packet, held in a reused per-thread
 * object so that decoding allocates nothing. Only the decoder writes it (its fields are
 * package-private); the engine reads it through the accessors below, and only until the next
 * packet is decoded into it. Observers never see it. Not thread-safe: one instance per event loop.
 *
 * <p>{@link #name()} holds the question name in lower-cased wire form (length-prefixed labels,
 * ending with the root label), {@link #nameLength()} bytes long: the lookup key. The question as
 * the client wrote it (case preserved, RFC 4343 / DNS 0x20) is copied back byte for byte.
 */
public final class WireQuery {
    public static final int MAX_NAME = 255;

    int id;
    /** The second 16-bit word of the header (QR, opcode, AA, TC, RD, RA, Z, AD, CD, rcode). */
    int flags;
    final byte[] name = new byte[MAX_NAME];
    int nameLength;
    /**
     * The question section exactly as received (name in the client's case, QTYPE, QCLASS), copied
     * here once so the response is written from a heap array (a buffer-to-buffer copy from the
     * direct receive buffer costs an NIO view object per response).
     */
    final byte[] question = new byte[MAX_NAME + 4];
    int qtype;
    int qclass;
    /** Offset just past QTYPE/QCLASS: header and question are the first {@code questionEnd} bytes. */
    int questionEnd;

    boolean hasOpt;
    int udpPayloadSize;
    int ednsVersion;
    boolean dnssecOk;
    boolean nsidRequested;
    /** The ECS option (RFC 7871 6), kept as plain values so that decoding one allocates nothing. */
    boolean hasEcs;
    int ecsFamily;
    int ecsSourcePrefix;
    /** The ECS address, padded with zeros to 4 or 16 bytes (bits beyond the source prefix are zero). */
    final byte[] ecsAddress = new byte[16];

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
        hasEcs = false;
        ecsFamily = 0;
        ecsSourcePrefix = 0;
    }

    public int id() {
        return id;
    }

    public int opcode() {
        return (flags >> 11) & 0xf;
    }

    /** The lower-cased wire-form question name: the first {@link #nameLength()} bytes (not a copy). */
    public byte[] name() {
        return name;
    }

    public int nameLength() {
        return nameLength;
    }

    public int qtype() {
        return qtype;
    }

    public int qclass() {
        return qclass;
    }

    public boolean hasOpt() {
        return hasOpt;
    }

    /** The requester's UDP payload size from OPT (at least 512), or 512 without EDNS. */
    public int udpPayloadSize() {
        return udpPayloadSize;
    }

    /** Whether the query carried an EDNS Client Subnet option. */
    public boolean hasEcs() {
        return hasEcs;
    }

    /** The ECS family: 1 = IPv4, 2 = IPv6 (only with {@link #hasEcs()}). */
    public int ecsFamily() {
        return ecsFamily;
    }

    public int ecsSourcePrefix() {
        return ecsSourcePrefix;
    }

    /** A copy of the ECS address, 4 or 16 bytes (allocates: for routing and events only). */
    public byte[] ecsAddress() {
        return java.util.Arrays.copyOf(ecsAddress, ecsFamily == QueryDecoder.FAMILY_IPV4 ? 4 : 16);
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
