package dev.geodns.server.dns;

import dev.geodns.server.geo.ClientSubnet;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Writes a response: the query's header patched, its question as received, a precomputed body, and our
 * OPT record (RFC 6891) when the query had one. Stateless and thread-safe; allocates only the
 * outgoing buffer (pooled).
 */
public final class ResponseWriter {
    /** Our advertised EDNS payload size, the DNS Flag Day 2020 value that avoids IP fragmentation. */
    public static final int EDNS_PAYLOAD = 1232;
    private static final int OPT_FIXED = 11;

    private ResponseWriter() {
    }

    /**
     * Writes a full response.
     *
     * @param body answer, authority and additional sections, or null for none
     * @param maxSize the largest message allowed (UDP: the requester's payload size, capped); beyond
     *     it the response is truncated to header + question + OPT with TC set (RFC 2181 9)
     * @param extendedRcode the full 12-bit rcode (RFC 6891 6.1.3); the upper bits go into OPT
     * @param ecsScope the SCOPE PREFIX-LENGTH to return when the query carried ECS
     */
    public static ByteBuf write(ByteBufAllocator alloc, WireQuery q, byte[] body, int ancount,
            int nscount, int arcount, int extendedRcode, boolean authoritative, int maxSize, int ecsScope,
            byte[] nsid) {
        int questionLength = q.questionEnd - 12;
        int optLength = q.hasOpt ? optLength(q, nsid) : 0;
        int bodyLength = body == null ? 0 : body.length;
        boolean truncated = 12 + questionLength + bodyLength + optLength > maxSize;
        if (truncated) {
            bodyLength = 0;
            ancount = 0;
            nscount = 0;
            arcount = 0;
        }
        ByteBuf out = alloc.ioBuffer(12 + questionLength + bodyLength + optLength);
        int flags = 0x8000 // QR
                | (q.flags & 0x7800) // opcode echoed
                | (authoritative ? 0x0400 : 0)
                | (truncated ? 0x0200 : 0)
                | (q.flags & 0x0100) // RD copied (RFC 1035 4.1.1); RA stays clear: no recursion here
                | (q.flags & 0x0010) // CD copied (RFC 4035 3.1.6)
                | (extendedRcode & 0xf);
        out.writeShort(q.id);
        out.writeShort(flags);
        out.writeShort(questionLength > 0 ? 1 : 0);
        out.writeShort(ancount);
        out.writeShort(nscount);
        out.writeShort(arcount + (q.hasOpt ? 1 : 0));
        if (questionLength > 0) {
            out.writeBytes(q.question, 0, questionLength);
        }
        if (bodyLength > 0) {
            out.writeBytes(body);
        }
        if (q.hasOpt) {
            writeOpt(out, q, extendedRcode, ecsScope, nsid);
        }
        return out;
    }

    private static int optLength(WireQuery q, byte[] nsid) {
        int len = OPT_FIXED;
        if (q.nsidRequested && nsid != null) {
            len += 4 + nsid.length;
        }
        if (q.clientSubnet != null) {
            len += 4 + 4 + (q.clientSubnet.sourcePrefix() + 7) / 8;
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
        ClientSubnet ecs = q.clientSubnet;
        if (ecs != null) {
            // RFC 7871 7.2.1: echo FAMILY, SOURCE PREFIX-LENGTH and ADDRESS; set SCOPE PREFIX-LENGTH.
            int addrLen = (ecs.sourcePrefix() + 7) / 8;
            out.writeShort(QueryDecoder.OPTION_ECS);
            out.writeShort(4 + addrLen);
            out.writeShort(ecs.family());
            out.writeByte(ecs.sourcePrefix());
            out.writeByte(ecsScope);
            out.writeBytes(ecs.address(), 0, addrLen);
        }
        out.setShort(rdlenIndex, out.writerIndex() - start);
    }
}
