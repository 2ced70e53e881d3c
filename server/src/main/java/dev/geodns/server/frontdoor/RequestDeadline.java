package dev.geodns.server.frontdoor;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Defeats slow clients (slowloris): from the moment a connection is ready or its last answer has left,
 * the next whole request must arrive within the timeout, however the bytes trickle in; else a client
 * that had started one gets 408 and the connection closes (an idle one is just closed). While an answer
 * is pending (the modelled delay) there is no deadline. Sits after the aggregator; {@link #byteWatcher()}
 * goes before the decoder to see whether anything arrived. One per connection.
 */
final class RequestDeadline extends ChannelDuplexHandler {
    private final long timeoutNanos;
    private final FrontDoorMetrics metrics;
    private ScheduledFuture<?> timer;
    private int pending;
    private boolean bytesSeen;

    RequestDeadline(long timeoutNanos, FrontDoorMetrics metrics) {
        this.timeoutNanos = timeoutNanos;
        this.metrics = metrics;
    }

    /** The companion that notes raw bytes arriving; put it before the HTTP decoder. */
    ChannelHandler byteWatcher() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                bytesSeen = true;
                ctx.fireChannelRead(msg);
            }
        };
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            arm(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        arm(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        disarm();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest) {
            pending++;
            bytesSeen = false;
            disarm();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent) {
            ChannelPromise p = promise.unvoid();
            p.addListener(f -> {
                pending--;
                if (pending <= 0 && ctx.channel().isActive()) {
                    pending = 0;
                    arm(ctx);
                }
            });
            ctx.write(msg, p);
            return;
        }
        ctx.write(msg, promise);
    }

    private void arm(ChannelHandlerContext ctx) {
        disarm();
        timer = ctx.executor().schedule(() -> expire(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        timer = null;
        if (pending > 0 || !ctx.channel().isActive()) {
            return;
        }
        metrics.rejected(FrontDoorMetrics.Rejection.TIMEOUT);
        if (!bytesSeen) {
            ctx.close();
            return;
        }
        byte[] body = "408 Request Timeout: the request did not arrive in time\n".getBytes(StandardCharsets.UTF_8);
        DefaultFullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_TIMEOUT,
                Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, Reply.TEXT);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }
}
