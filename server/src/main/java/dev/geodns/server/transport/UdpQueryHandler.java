package dev.geodns.server.transport;

import dev.geodns.server.engine.QueryEngine;
import dev.geodns.server.engine.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.util.function.Consumer;

/**
 * Answers DNS queries arriving over UDP. Stateless, hence shared by every UDP channel. Responses are
 * flushed once per read batch. Any exception is contained here: a bad packet never kills a worker.
 */
@ChannelHandler.Sharable
final class UdpQueryHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final QueryEngine engine;
    private final Consumer<Throwable> onError;
    private final boolean wildcardListener;

    /** {@code wildcardListener}: the channels this handler serves are bound to 0.0.0.0 or ::. */
    UdpQueryHandler(QueryEngine engine, Consumer<Throwable> onError, boolean wildcardListener) {
        super(true); // the incoming packet is released after channelRead0
        this.engine = engine;
        this.onError = onError;
        this.wildcardListener = wildcardListener;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf response;
        try {
            response = engine.handle(packet.content(), packet.sender(), Transport.UDP, ctx.alloc());
        } catch (RuntimeException e) {
            onError.accept(e);
            return;
        }
        if (response != null) {
            // Our own address is named only for a wildcard listener, where the kernel could pick
            // another source address; naming it on a bound address costs a control message per packet.
            ctx.write(wildcardListener
                    ? new DatagramPacket(response, packet.sender(), packet.recipient())
                    : new DatagramPacket(response, packet.sender()), ctx.voidPromise());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        onError.accept(cause); // e.g. ICMP port unreachable surfaced as an exception: keep serving
    }
}
