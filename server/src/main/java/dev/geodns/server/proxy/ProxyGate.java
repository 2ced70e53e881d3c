package dev.geodns.server.proxy;

import dev.geodns.server.engine.SenderCache;
import dev.geodns.server.engine.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.net.InetSocketAddress;

/**
 * PROXY protocol v2 on UDP, where a proxy puts a header in front of every datagram: decides for one
 * datagram whom it is from, and moves the buffer's reader index past the header. Thread-safe;
 * allocation-free once a thread has seen a carried address (see {@link SenderCache}).
 *
 * <p>The rules: a header is believed only from a {@link ProxyFrom} source; a header from anyone
 * else, a malformed one, or a datagram without a header from a trusted proxy is dropped and
 * counted. The last is dropped rather than answered by the proxy's own address because the
 * protocol forbids guessing whether a header is there (proxy-protocol.txt, section 2), and an
 * answer routed by the load balancer's location would be a silently wrong answer.
 */
public final class ProxyGate {
    /** The socket addresses this thread made for carried sources. */
    private static final FastThreadLocal<SenderCache> CARRIED = new FastThreadLocal<>() {
        @Override
        protected SenderCache initialValue() {
            return new SenderCache();
        }
    };

    private final ProxyFrom from;
    private final ProxyListener listener;

    public ProxyGate(ProxySettings settings) {
        this.from = settings.from();
        this.listener = settings.listener();
    }

    /**
     * Reads the PROXY header at the datagram's reader index, if the sender may send one.
     *
     * @return the address the query is answered for: the carried source, or {@code sender} itself (a
     *     sender outside {@code --proxy-from} without a header, or a proxy's own LOCAL query such
     *     as a health check); null when the datagram is to be dropped (already counted). The reader
     *     index is past the header unless null is returned.
     */
    public InetSocketAddress strip(ByteBuf packet, InetSocketAddress sender) {
        if (!from.trusts(sender.getAddress())) {
            if (ProxyV2.startsWithSignature(packet)) {
                listener.rejected(Transport.UDP, ProxyRejection.UNTRUSTED_HEADER);
                return null;
            }
            return sender;
        }
        int at = packet.readerIndex();
        if (packet.readableBytes() < ProxyV2.FIXED || packet.getLong(at) != ProxyV2.SIGNATURE_HEAD
                || packet.getInt(at + 8) != ProxyV2.SIGNATURE_TAIL) {
            listener.rejected(Transport.UDP, ProxyV2.startsWithSignature(packet)
                    ? ProxyRejection.MALFORMED : ProxyRejection.MISSING_HEADER);
            return null;
        }
        int command = packet.getUnsignedByte(at + 12);
        int family = packet.getUnsignedByte(at + 13) >>> 4;
        int length = packet.getUnsignedShort(at + 14);
        int end = at + ProxyV2.FIXED + length;
        if (end > packet.writerIndex() || (command != ProxyV2.COMMAND_LOCAL && command != ProxyV2.COMMAND_PROXY)) {
            listener.rejected(Transport.UDP, ProxyRejection.MALFORMED);
            return null;
        }
        InetSocketAddress carried = sender; // LOCAL, or a family without addresses: the proxy's own
        if (command == ProxyV2.COMMAND_PROXY && (family == ProxyV2.FAMILY_INET || family == ProxyV2.FAMILY_INET6)) {
            carried = carried(packet, at + ProxyV2.FIXED, family, length);
            if (carried == null) {
                listener.rejected(Transport.UDP, ProxyRejection.MALFORMED);
                return null;
            }
        }
        packet.readerIndex(end);
        return carried;
    }

    private static InetSocketAddress carried(ByteBuf packet, int at, int family, int length) {
        SenderCache cache = CARRIED.get();
        if (family == ProxyV2.FAMILY_INET) {
            if (length < ProxyV2.INET_ADDRESSES) {
                return null;
            }
            return cache.v4(packet.getInt(at), packet.getUnsignedShort(at + 8));
        }
        if (length < ProxyV2.INET6_ADDRESSES) {
            return null;
        }
        return cache.v6(packet.getLong(at), packet.getLong(at + 8), packet.getUnsignedShort(at + 32));
    }
}
