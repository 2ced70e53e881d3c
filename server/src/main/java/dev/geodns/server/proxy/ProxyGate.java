package dev.geodns.server.proxy;

import dev.geodns.server.engine.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * PROXY protocol v2 on UDP, where a proxy puts a header in front of every datagram: decides for one
 * datagram whom it is from, and moves the buffer's reader index past the header. Thread-safe;
 * allocation-free once a thread has seen a carried address (see {@link CarriedAddresses}).
 *
 * <p>The rules: a header is believed only from a {@link ProxyFrom} source; a header from anyone
 * else, a malformed one, or a datagram without a header from a trusted proxy is dropped and
 * counted. The last is dropped rather than answered by the proxy's own address because the
 * protocol forbids guessing whether a header is there (proxy-protocol.txt, section 2), and an
 * answer routed by the load balancer's location would be a silently wrong answer.
 */
public final class ProxyGate {
    private static final FastThreadLocal<CarriedAddresses> CARRIED = new FastThreadLocal<>() {
        @Override
        protected CarriedAddresses initialValue() {
            return new CarriedAddresses();
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
        CarriedAddresses cache = CARRIED.get();
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

    /**
     * The socket addresses this thread made for carried sources, by (address, port), direct-mapped:
     * a resolver seen again costs no allocation; a miss makes one address and evicts one slot.
     */
    static final class CarriedAddresses {
        static final int SLOTS = 256;
        private final long[] high = new long[SLOTS];
        private final long[] low = new long[SLOTS];
        private final boolean[] v6 = new boolean[SLOTS];
        private final InetSocketAddress[] addresses = new InetSocketAddress[SLOTS];

        InetSocketAddress v4(int address, int port) {
            long key = (address & 0xFFFF_FFFFL) << 16 | port;
            int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> 56);
            InetSocketAddress a = addresses[slot];
            if (a != null && !v6[slot] && low[slot] == key) {
                return a;
            }
            byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
            a = make(bytes, port);
            addresses[slot] = a;
            low[slot] = key;
            v6[slot] = false;
            return a;
        }

        InetSocketAddress v6(long hi, long lo, int port) {
            int slot = (int) (((hi * 31 + lo) * 0x9E3779B97F4A7C15L + port) >>> 56);
            InetSocketAddress a = addresses[slot];
            if (a != null && v6[slot] && high[slot] == hi && low[slot] == lo && a.getPort() == port) {
                return a;
            }
            byte[] bytes = new byte[16];
            for (int i = 0; i < 8; i++) {
                bytes[i] = (byte) (hi >>> (56 - 8 * i));
                bytes[8 + i] = (byte) (lo >>> (56 - 8 * i));
            }
            a = make(bytes, port);
            addresses[slot] = a;
            high[slot] = hi;
            low[slot] = lo;
            v6[slot] = true;
            return a;
        }

        private static InetSocketAddress make(byte[] bytes, int port) {
            try {
                return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
            } catch (UnknownHostException e) {
                throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
            }
        }
    }
}
