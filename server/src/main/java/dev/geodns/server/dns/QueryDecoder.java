package dev.geodns.server.dns;

import io.netty.buffer.ByteBuf;

/**
 * Decodes a DNS query in place from a Netty buffer into a reused {@link WireQuery}.
 *
 * <p>Written by hand rather than with dnsjava's {@code Message} because it is on the hot path: it
 * reads the header, the one question and the OPT record without allocating, and is strict in the
 * ways RFC 1035, RFC 6891 and RFC 7871 require. It never throws on bad input: every outcome is a
 * {@link DecodeResult}. Stateless and thread-safe; the ECS option is kept as plain values in the
 * query, so decoding allocates nothing at all.
 */
public final class QueryDecoder {
    static final int TYPE_OPT = 41;
    static final int OPTION_NSID = 3;
    static final int OPTION_ECS = 8;
    /** ECS address families (RFC 7871 6, IANA address family numbers). */
    static final int FAMILY_IPV4 = 1;
    static final int FAMILY_IPV6 = 2;

    private QueryDecoder() {
    }

    /**
     * Decodes {@code buf} (its readable bytes, reader index untouched) into {@code q}.
     * When the result is FORMERR, NOTIMP or BADVERS, {@code q.id}, {@code q.flags} are valid and
     * {@code q.questionEnd} is either the end of a readable question or 12 (header only).
     */
    public static DecodeResult decode(ByteBuf buf, WireQuery q) {
        q.reset();
        int base = buf.readerIndex();
        int end = buf.writerIndex();
        if (end - base < 12) {
            return DecodeResult.DROP;
        }
        q.id = buf.getUnsignedShort(base);
        q.flags = buf.getUnsignedShort(base + 2);
        if ((q.flags & 0x8000) != 0) {
            return DecodeResult.DROP;
        }
        int qdcount = buf.getUnsignedShort(base + 4);
        int ancount = buf.getUnsignedShort(base + 6);
        int nscount = buf.getUnsignedShort(base + 8);
        int arcount = buf.getUnsignedShort(base + 10);
        q.questionEnd = 12;
        int pos = base + 12;
        if (qdcount == 1) {
            pos = readQuestionName(buf, pos, end, q);
            if (pos < 0 || pos + 4 > end) {
                q.nameLength = 0;
                return q.opcode() != 0 ? DecodeResult.NOTIMP : DecodeResult.FORMERR;
            }
            q.qtype = buf.getUnsignedShort(pos);
            q.qclass = buf.getUnsignedShort(pos + 2);
            pos += 4;
            q.questionEnd = pos - base;
            buf.getBytes(base + 12, q.question, 0, q.questionEnd - 12);
        }
        if (q.opcode() != 0) {
            return DecodeResult.NOTIMP;
        }
        if (qdcount != 1) {
            q.nameLength = 0;
            q.questionEnd = 12;
            return DecodeResult.FORMERR;
        }
        // Queries should carry no answer or authority records; skip them if present (RFC 1035 4.1).
        for (int i = 0; i < ancount + nscount; i++) {
            pos = skipRecord(buf, pos, end);
            if (pos < 0) {
                return DecodeResult.FORMERR;
            }
        }
        for (int i = 0; i < arcount; i++) {
            int nameEnd = skipName(buf, pos, end);
            if (nameEnd < 0 || nameEnd + 10 > end) {
                return DecodeResult.FORMERR;
            }
            int type = buf.getUnsignedShort(nameEnd);
            int rdlength = buf.getUnsignedShort(nameEnd + 8);
            int rdata = nameEnd + 10;
            if (rdata + rdlength > end) {
                return DecodeResult.FORMERR;
            }
            if (type == TYPE_OPT) {
                // RFC 6891 6.1.1: at most one OPT, owner must be the root name.
                if (q.hasOpt || nameEnd != pos + 1 || buf.getByte(pos) != 0) {
                    return DecodeResult.FORMERR;
                }
                q.hasOpt = true;
                q.udpPayloadSize = Math.max(512, buf.getUnsignedShort(nameEnd + 2));
                q.ednsVersion = buf.getUnsignedByte(nameEnd + 5);
                q.dnssecOk = (buf.getUnsignedShort(nameEnd + 6) & 0x8000) != 0;
                if (!readOptions(buf, rdata, rdata + rdlength, q)) {
                    return DecodeResult.FORMERR;
                }
            }
            pos = rdata + rdlength;
        }
        if (pos != end) {
            return DecodeResult.FORMERR; // trailing garbage: the counts lie
        }
        if (q.hasOpt && q.ednsVersion != 0) {
            return DecodeResult.BADVERS;
        }
        return DecodeResult.OK;
    }

    /** Reads the question name, lower-casing into {@code q.name}; returns the offset after it or -1. */
    private static int readQuestionName(ByteBuf buf, int pos, int end, WireQuery q) {
        int out = 0;
        while (true) {
            if (pos >= end) {
                return -1;
            }
            int len = buf.getUnsignedByte(pos);
            if (len == 0) {
                if (out + 1 > WireQuery.MAX_NAME) {
                    return -1;
                }
                q.name[out++] = 0;
                q.nameLength = out;
                return pos + 1;
            }
            // Compression pointers (0xC0) and the obsolete extended label types are not valid here:
            // a pointer in the first name of a message could only point into the header.
            if (len > 63 || out + len + 1 >= WireQuery.MAX_NAME || pos + 1 + len > end) {
                return -1;
            }
            q.name[out++] = (byte) len;
            for (int i = 1; i <= len; i++) {
                byte c = buf.getByte(pos + i);
                q.name[out++] = (c >= 'A' && c <= 'Z') ? (byte) (c + 32) : c;
            }
            pos += len + 1;
        }
    }

    /** Skips a possibly compressed name; returns the offset after it in the record, or -1. */
    static int skipName(ByteBuf buf, int pos, int end) {
        int total = 0;
        while (true) {
            if (pos >= end) {
                return -1;
            }
            int len = buf.getUnsignedByte(pos);
            if (len == 0) {
                return pos + 1;
            }
            if ((len & 0xc0) == 0xc0) {
                return pos + 2 <= end ? pos + 2 : -1;
            }
            if (len > 63) {
                return -1;
            }
            total += len + 1;
            if (total > WireQuery.MAX_NAME) {
                return -1;
            }
            pos += len + 1;
        }
    }

    private static int skipRecord(ByteBuf buf, int pos, int end) {
        int nameEnd = skipName(buf, pos, end);
        if (nameEnd < 0 || nameEnd + 10 > end) {
            return -1;
        }
        int next = nameEnd + 10 + buf.getUnsignedShort(nameEnd + 8);
        return next <= end ? next : -1;
    }

    private static boolean readOptions(ByteBuf buf, int pos, int end, WireQuery q) {
        while (pos < end) {
            if (pos + 4 > end) {
                return false;
            }
            int code = buf.getUnsignedShort(pos);
            int len = buf.getUnsignedShort(pos + 2);
            int data = pos + 4;
            if (data + len > end) {
                return false;
            }
            if (code == OPTION_NSID) {
                q.nsidRequested = true; // RFC 5001 2.3: the query's option is empty; ignore any content
            } else if (code == OPTION_ECS) {
                if (q.hasEcs || !readClientSubnet(buf, data, len, q)) {
                    return false;
                }
            }
            // Other options (cookies RFC 7873, padding, keepalive ...) are ignored (RFC 6891 6.1.2).
            pos = data + len;
        }
        return true;
    }

    /** RFC 7871 6 and 7.1.2: malformed ECS options make the whole query FORMERR. */
    private static boolean readClientSubnet(ByteBuf buf, int pos, int len, WireQuery q) {
        if (len < 4) {
            return false;
        }
        int family = buf.getUnsignedShort(pos);
        int source = buf.getUnsignedByte(pos + 2);
        int scope = buf.getUnsignedByte(pos + 3);
        int size;
        if (family == FAMILY_IPV4) {
            size = 4;
        } else if (family == FAMILY_IPV6) {
            size = 16;
        } else {
            return false;
        }
        int addrLen = len - 4;
        if (source > size * 8 || scope != 0 || addrLen != (source + 7) / 8) {
            return false;
        }
        byte[] address = q.ecsAddress;
        java.util.Arrays.fill(address, (byte) 0);
        buf.getBytes(pos + 4, address, 0, addrLen);
        if (source % 8 != 0 && addrLen > 0) {
            int mask = (0xff << (8 - source % 8)) & 0xff;
            if ((address[addrLen - 1] & ~mask & 0xff) != 0) {
                return false; // bits beyond SOURCE PREFIX-LENGTH must be zero
            }
        }
        q.hasEcs = true;
        q.ecsFamily = family;
        q.ecsSourcePrefix = source;
        return true;
    }
}
