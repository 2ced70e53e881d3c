package dev.geodns.server.transport;

import dev.geodns.server.engine.QueryEngine;
import dev.geodns.server.engine.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
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
            DatagramPacket reply = wildcardListener
                    ? new DatagramPacket(response, packet.sender(), packet.recipient())
                    : new DatagramPacket(response, packet.sender());
            long delay = engine.replyDelayNanos();
            if (delay > 0) {
                sendLater(ctx, reply, delay);
            } else {
                ctx.write(reply, ctx.voidPromise());
            }
        }
    }

    /** A delay fault: the event loop sends the reply when it is due, serving other queries meanwhile. */
    private static void sendLater(ChannelHandlerContext ctx, DatagramPacket reply, long delayNanos) {
        try {
            ctx.executor().schedule(() -> {
                ctx.writeAndFlush(reply, ctx.voidPromise());
            }, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            reply.release(); // shutting down: the reply is lost, as a late datagram would be
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
