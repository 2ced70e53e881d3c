package dev.geodns.server.frontdoor;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The network end of a front door, one per connection (or HTTP/2 stream): turns a decoded request
 * into {@link FrontDoorService.Incoming}, and writes the answer once the modelled delay has passed.
 * The wait is a task scheduled on the connection's event loop, never a sleeping thread; answers on one
 * connection keep request order (each is due no earlier than the one before).
 */
final class FrontDoorHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final FrontDoorService service;
    private final String scheme;
    private long lastDue = Long.MIN_VALUE;

    FrontDoorHandler(FrontDoorService service, String scheme) {
        this.service = service;
        this.scheme = scheme;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        Channel connection = connection(ctx.channel());
        boolean h2 = connection != ctx.channel();
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            refuse(ctx, result.cause(), h2);
            return;
        }
        String path;
        try {
            path = path(request.uri());
        } catch (IllegalArgumentException e) {
            service.metrics().rejected(FrontDoorMetrics.Rejection.MALFORMED);
            write(ctx, Reply.error(400, "400 Bad Request: malformed request target"), false, false, h2);
            return;
        }
        FrontDoorService.Incoming in = new FrontDoorService.Incoming(
                (InetSocketAddress) connection.localAddress(), (InetSocketAddress) connection.remoteAddress(),
                scheme, h2 ? "HTTP/2" : request.protocolVersion().text(), request.method().name(),
                request.headers().get(HttpHeaderNames.HOST), path, request.headers().get("X-AnchorMailbox"));
        FrontDoorService.Answer answer = service.answer(in);
        boolean head = HttpMethod.HEAD.equals(request.method());
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        long now = System.nanoTime();
        long due = Math.max(now + answer.delayNanos(), lastDue == Long.MIN_VALUE ? now : lastDue);
        lastDue = due;
        ctx.executor().schedule(() -> write(ctx, answer.reply(), head, keepAlive, h2), due - now, TimeUnit.NANOSECONDS);
    }

    /** A request the decoder could not read: a clear status and the connection closed. */
    private void refuse(ChannelHandlerContext ctx, Throwable cause, boolean h2) {
        FrontDoorMetrics.Rejection why;
        Reply reply;
        if (cause instanceof TooLongHttpHeaderException) {
            why = FrontDoorMetrics.Rejection.HEADERS_TOO_LARGE;
            reply = Reply.error(431, "431 Request Header Fields Too Large: at most "
                    + service.options().maxHeaderBytes() + " bytes of headers");
        } else if (cause instanceof TooLongHttpLineException) {
            why = FrontDoorMetrics.Rejection.LINE_TOO_LONG;
            reply = Reply.error(414, "414 URI Too Long: the request line is limited to "
                    + FrontDoorPipeline.MAX_INITIAL_LINE + " bytes");
        } else if (cause instanceof TooLongFrameException) {
            why = FrontDoorMetrics.Rejection.HEADERS_TOO_LARGE;
            reply = Reply.error(431, "431 Request Header Fields Too Large");
        } else {
            why = FrontDoorMetrics.Rejection.MALFORMED;
            reply = Reply.error(400, "400 Bad Request: malformed HTTP (" + cause.getClass().getSimpleName() + ")");
        }
        service.metrics().rejected(why);
        write(ctx, reply, false, false, h2);
    }

    static void write(ChannelHandlerContext ctx, Reply r, boolean head, boolean keepAlive, boolean h2) {
        if (!ctx.channel().isActive()) {
            return;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(r.status()), head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(r.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        r.headers().forEach((k, v) -> response.headers().set(k, v));
        if (h2) {
            ctx.writeAndFlush(response); // the stream ends with the answer; the connection stays
        } else if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** The path of a request target, origin form or absolute form. */
    static String path(String uri) {
        String u = uri;
        int scheme = u.indexOf("://");
        if (scheme > 0 && scheme < 6) {
            int slash = u.indexOf('/', scheme + 3);
            u = slash < 0 ? "/" : u.substring(slash);
        }
        return new QueryStringDecoder(u).path();
    }

    /** The TCP connection under an HTTP/2 stream, or the channel itself. */
    static Channel connection(Channel ch) {
        return ch instanceof Http2StreamChannel ? ch.parent() : ch;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        service.metrics().rejected(FrontDoorPipeline.classify(cause));
        ctx.close();
    }
}
