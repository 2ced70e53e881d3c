package dev.geodns.server.proxy;

import io.netty.buffer.ByteBuf;

/**
 * The PROXY protocol version 2 binary header (haproxy's proxy-protocol.txt, section 2.2), read in
 * place: a 12-byte signature, version and command, address family and protocol, a length, then the
 * addresses and optional TLVs that the length covers.
 */
final class ProxyV2 {
    /** {@code \r\n\r\n\0\r\nQUIT\n}, as the first 8 bytes and the next 4. */
    static final long SIGNATURE_HEAD = 0x0D0A0D0A000D0A51L;
    static final int SIGNATURE_TAIL = 0x5549540A;
    /** The fixed part: signature, version/command, family/protocol, length. */
    static final int FIXED = 16;
    static final int COMMAND_LOCAL = 0x20;
    static final int COMMAND_PROXY = 0x21;
    static final int FAMILY_INET = 0x1;
    static final int FAMILY_INET6 = 0x2;
    /** Source and destination address and port. */
    static final int INET_ADDRESSES = 12;
    static final int INET6_ADDRESSES = 36;
    /** Version 1 starts with {@code "PROXY "}: a text header is as untrusted as a binary one. */
    private static final int V1_HEAD = 0x50524F58; // "PROX"

    private ProxyV2() {
    }

    /** Whether the readable bytes start with a PROXY header's signature (v2, or v1's {@code PROXY}). */
    static boolean startsWithSignature(ByteBuf buf) {
        int at = buf.readerIndex();
        if (buf.readableBytes() >= 12 && buf.getLong(at) == SIGNATURE_HEAD && buf.getInt(at + 8) == SIGNATURE_TAIL) {
            return true;
        }
        return buf.readableBytes() >= 6 && buf.getInt(at) == V1_HEAD && buf.getShort(at + 4) == 0x5920; // "Y "
    }
}
