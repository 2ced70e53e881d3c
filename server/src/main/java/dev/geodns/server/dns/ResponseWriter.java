package dev.geodns.server.dns;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Writes a response: the query's header patched, its question as received, a precomputed
 * {@link Template}, and our OPT record (RFC 6891) when the query had one. Stateless and thread-safe;
 * allocates only the outgoing buffer (pooled), which it releases itself if writing fails.
 */
public final class ResponseWriter {
    /** Our advertised EDNS payload size, the DNS Flag Day 2020 value that avoids IP fragmentation. */
    public static final int EDNS_PAYLOAD = 1232;
    private static final int OPT_FIXED = 11;

    private ResponseWriter() {
    }

    /** The largest response allowed for {@code q}: over UDP the requester's payload size, capped; over TCP 65535. */
    public static int maxSize(WireQuery q, boolean udp) {
        if (!udp) {
            return 65535;
        }
        return q.hasOpt ? Math.min(q.udpPayloadSize, EDNS_PAYLOAD) : 512;
    }

    /**
     * Writes a full response with {@code answer}'s records, rcode and AA flag.
     *
     * @param maxSize the largest message allowed ({@link #maxSize}); beyond it the response is
     *     truncated to header + question + OPT with TC set (RFC 2181 9)
     * @param ecsScope the SCOPE PREFIX-LENGTH to return when the query carried ECS
     * @param nsid our NSID (RFC 5001), sent when the query asked for it
     */
    public static ByteBuf write(ByteBufAllocator alloc, WireQuery q, Template answer, int maxSize, int ecsScope,
            byte[] nsid) {
        int optLength = q.hasOpt ? optLength(q, nsid) : 0;
        int bodyLength = truncated(q, answer, maxSize, optLength) ? 0 : answer.body.length;
        ByteBuf out = alloc.ioBuffer(q.questionEnd + bodyLength + optLength);
        boolean success = false;
        try {
            writeInto(out, q, answer, maxSize, ecsScope, nsid);
            success = true;
            return out;
        } finally {
            if (!success) {
                out.release();
            }
        }
    }

    /**
     * {@link #write}, into {@code out} from its writer index: for a transport that keeps a buffer per
     * answer slot and so allocates nothing per query. {@code out} must have room for {@code maxSize}
     * bytes; after a failure the caller clears it.
     */
    public static ByteBuf writeInto(ByteBuf out, WireQuery q, Template answer, int maxSize, int ecsScope,
            byte[] nsid) {
        int questionLength = q.questionEnd - 12;
        int optLength = q.hasOpt ? optLength(q, nsid) : 0;
        boolean truncated = truncated(q, answer, maxSize, optLength);
        int extendedRcode = answer.rcode;
        int flags = 0x8000 // QR
                | (q.flags & 0x7800) // opcode echoed
                | (answer.authoritative ? 0x0400 : 0)
                | (truncated ? 0x0200 : 0)
                | (q.flags & 0x0100) // RD copied (RFC 1035 4.1.1); RA stays clear: no recursion here
                | (q.flags & 0x0010) // CD copied (RFC 4035 3.1.6)
                | (extendedRcode & 0xf);
        out.writeShort(q.id);
        out.writeShort(flags);
        out.writeShort(questionLength > 0 ? 1 : 0);
        out.writeShort(truncated ? 0 : answer.ancount);
        out.writeShort(truncated ? 0 : answer.nscount);
        out.writeShort((truncated ? 0 : answer.arcount) + (q.hasOpt ? 1 : 0));
        if (questionLength > 0) {
            out.writeBytes(q.question, 0, questionLength);
        }
        if (!truncated && answer.body.length > 0) {
            out.writeBytes(answer.body);
        }
        if (q.hasOpt) {
            writeOpt(out, q, extendedRcode, ecsScope, nsid);
        }
        return out;
    }

    /** Whether the answer's records do not fit in {@code maxSize}: then none are sent, and TC is set. */
    private static boolean truncated(WireQuery q, Template answer, int maxSize, int optLength) {
        return q.questionEnd + answer.body.length + optLength > maxSize;
    }

    /** Whether {@code response} (as {@link #write} made it) has TC set. */
    public static boolean truncated(ByteBuf response) {
        return (response.getByte(response.readerIndex() + 2) & 0x02) != 0;
    }

    private static int optLength(WireQuery q, byte[] nsid) {
        int len = OPT_FIXED;
        if (q.nsidRequested && nsid != null) {
            len += 4 + nsid.length;
        }
        if (q.hasEcs) {
            len += 4 + 4 + (q.ecsSourcePrefix + 7) / 8;
        }
        return len;
    }

    private static void writeOpt(ByteBuf out, WireQuery q, int extendedRcode, int ecsScope, byte[] nsid) {
        out.writeByte(0); // root owner
        out.writeShort(QueryDecoder.TYPE_OPT);
        out.writeShort(EDNS_PAYLOAD);
        out.writeByte(extendedRcode >> 4);
        out.writeByte(0); // version 0
        out.writeShort(q.dnssecOk ? 0x8000 : 0); // DO echoed (RFC 3225 3)
        int rdlenIndex = out.writerIndex();
        out.writeShort(0);
        int start = out.writerIndex();
        if (q.nsidRequested && nsid != null) {
            out.writeShort(QueryDecoder.OPTION_NSID);
            out.writeShort(nsid.length);
            out.writeBytes(nsid);
        }
        if (q.hasEcs) {
            // RFC 7871 7.2.1: echo FAMILY, SOURCE PREFIX-LENGTH and ADDRESS; set SCOPE PREFIX-LENGTH.
            int addrLen = (q.ecsSourcePrefix + 7) / 8;
            out.writeShort(QueryDecoder.OPTION_ECS);
            out.writeShort(4 + addrLen);
            out.writeShort(q.ecsFamily);
            out.writeByte(q.ecsSourcePrefix);
            out.writeByte(ecsScope);
            out.writeBytes(q.ecsAddress, 0, addrLen);
        }
        out.setShort(rdlenIndex, out.writerIndex() - start);
    }
}
