package dev.geodns.server.transport;

import dev.geodns.server.engine.QueryEngine;
import dev.geodns.server.engine.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Answers length-framed DNS queries on one TCP connection (RFC 7766). Queries are answered in
 * arrival order as they are read, so pipelined queries all get answers; reading pauses while the
 * client does not read its answers, so a slow reader costs only its own connection.
 */
final class TcpQueryHandler extends ChannelInboundHandlerAdapter {
    private final QueryEngine engine;
    private final Consumer<Throwable> onError;
    /** The resolver a trusted proxy's header named, and that proxy; null until then, or without one. */
    private InetSocketAddress carried;
    private InetSocketAddress proxy;

    TcpQueryHandler(QueryEngine engine, Consumer<Throwable> onError) {
        this.engine = engine;
        this.onError = onError;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        ByteBuf response = null;
        try {
            InetSocketAddress sender = carried != null ? carried : (InetSocketAddress) ctx.channel().remoteAddress();
            response = engine.handle(frame, sender, proxy, Transport.TCP, ctx.alloc());
        } catch (RuntimeException e) {
            onError.accept(e);
        } finally {
            frame.release();
        }
        if (response != null) {
            long delay = engine.replyDelayNanos();
            if (delay > 0) {
                sendLater(ctx, response, delay);
            } else {
                ctx.write(response, ctx.voidPromise());
            }
        }
    }

    /**
     * A delay fault: the event loop sends the answer when it is due. Answers to pipelined queries
     * behind it are not held back (RFC 7766 allows answers out of order), as a slow backend would do.
     */
    private static void sendLater(ChannelHandlerContext ctx, ByteBuf response, long delayNanos) {
        try {
            ctx.executor().schedule(() -> {
                if (ctx.channel().isActive()) {
                    ctx.writeAndFlush(response, ctx.voidPromise());
                } else {
                    response.release();
                }
            }, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            response.release();
        }
    }

    /** The connection's PROXY header named {@code carried}; {@code proxy} is the connection's peer. */
    void proxied(InetSocketAddress carried, InetSocketAddress proxy) {
        this.carried = carried;
        this.proxy = proxy;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ctx.close(); // RFC 7766 6.2.3: the server closes idle connections
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        onError.accept(cause);
        ctx.close();
    }
}
