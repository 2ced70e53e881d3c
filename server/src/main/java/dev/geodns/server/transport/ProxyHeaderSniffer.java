package dev.geodns.server.transport;

import dev.geodns.server.engine.Transport;
import dev.geodns.server.proxy.ProxyListener;
import dev.geodns.server.proxy.ProxyRejection;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.ProtocolDetectionResult;
import io.netty.handler.codec.ProtocolDetectionState;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import java.util.List;

/**
 * Looks at the first bytes of a TCP connection when PROXY headers are accepted at all: from a
 * trusted proxy a header must come (then {@link HAProxyMessageDecoder} takes its place), from anyone
 * else it must not (then the connection is plain DNS, and this handler steps aside). A connection
 * that breaks the rule is counted and closed. The same rules as for UDP ({@code ProxyGate}).
 */
final class ProxyHeaderSniffer extends ByteToMessageDecoder {
    private final boolean trusted;
    private final ProxyListener listener;

    ProxyHeaderSniffer(boolean trusted, ProxyListener listener) {
        this.trusted = trusted;
        this.listener = listener;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        ProtocolDetectionResult<HAProxyProtocolVersion> found = HAProxyMessageDecoder.detectProtocol(in);
        if (found.state() == ProtocolDetectionState.NEEDS_MORE_DATA) {
            return;
        }
        boolean header = found.state() == ProtocolDetectionState.DETECTED;
        if (header == trusted) {
            // Removing a ByteToMessageDecoder hands the bytes read so far to the next handler.
            if (trusted) {
                ctx.pipeline().replace(this, "proxy-decoder", new HAProxyMessageDecoder());
            } else {
                ctx.pipeline().remove(this);
            }
            return;
        }
        listener.rejected(Transport.TCP, header ? ProxyRejection.UNTRUSTED_HEADER : ProxyRejection.MISSING_HEADER);
        in.skipBytes(in.readableBytes());
        ctx.close();
    }
}
