package dev.geodns.server.frontdoor;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The handlers of a front-door connection. Plain HTTP: connection cap, HTTP/1.1 decoder with header
 * and line limits, aggregator (bodies up to {@value #MAX_BODY} bytes), request deadline, the front
 * door. HTTPS: connection cap, TLS (handshake within the request timeout), then by ALPN either the
 * same HTTP/1.1 handlers or HTTP/2 with each stream converted to the same request objects.
 */
final class FrontDoorPipeline extends ChannelInitializer<SocketChannel> {
    static final int MAX_INITIAL_LINE = 8192;
    static final int MAX_BODY = 64 * 1024;

    private final FrontDoorService service;
    private final SslContext ssl;

    /** @param ssl the TLS context for an HTTPS listener, or null for plain HTTP */
    FrontDoorPipeline(FrontDoorService service, SslContext ssl) {
        this.service = service;
        this.ssl = ssl;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        FrontDoorOptions o = service.options();
        ch.pipeline().addLast(new ConnectionCap(service.metrics(), o.maxConnections()));
        if (ssl == null) {
            http1(ch.pipeline(), "http");
            return;
        }
        SslHandler tls = ssl.newHandler(ch.alloc());
        tls.setHandshakeTimeoutMillis(o.requestTimeout().toMillis());
        ch.pipeline().addLast(tls).addLast(new Negotiation());
    }

    private void http1(ChannelPipeline p, String scheme) {
        FrontDoorOptions o = service.options();
        RequestDeadline deadline = new RequestDeadline(o.requestTimeout().toNanos(), service.metrics());
        HttpDecoderConfig limits = new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_INITIAL_LINE)
                .setMaxHeaderSize(o.maxHeaderBytes())
                .setMaxChunkSize(8192);
        p.addLast(deadline.byteWatcher())
                .addLast(new HttpServerCodec(limits))
                .addLast(new Aggregator(service.metrics()))
                .addLast(deadline)
                .addLast(new FrontDoorHandler(service, scheme));
    }

    private void http2(ChannelPipeline p) {
        FrontDoorOptions o = service.options();
        // An HTTP/2 connection with no stream traffic at all for three request timeouts is closed.
        p.addLast(new ReadTimeoutHandler(o.requestTimeout().toMillis() * 3, TimeUnit.MILLISECONDS))
                .addLast(Http2FrameCodecBuilder.forServer()
                        .initialSettings(Http2Settings.defaultSettings()
                                .maxHeaderListSize(o.maxHeaderBytes())
                                .maxConcurrentStreams(100))
                        .build())
                .addLast(new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel stream) {
                        stream.pipeline()
                                .addLast(new Http2StreamFrameToHttpObjectCodec(true))
                                .addLast(new Aggregator(service.metrics()))
                                .addLast(new RequestDeadline(o.requestTimeout().toNanos(), service.metrics()))
                                .addLast(new FrontDoorHandler(service, "https"));
                    }
                }));
    }

    /** Which rejection an exception on a connection counts as. */
    static FrontDoorMetrics.Rejection classify(Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof SslHandshakeTimeoutException || c instanceof ReadTimeoutException) {
            return FrontDoorMetrics.Rejection.TIMEOUT;
        }
        if (c instanceof NotSslRecordException || c instanceof SSLException) {
            return FrontDoorMetrics.Rejection.TLS;
        }
        return FrontDoorMetrics.Rejection.ERROR;
    }

    /** Bodies beyond the limit get Netty's 413; counted here. */
    private static final class Aggregator extends HttpObjectAggregator {
        private final FrontDoorMetrics metrics;

        Aggregator(FrontDoorMetrics metrics) {
            super(MAX_BODY);
            this.metrics = metrics;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, io.netty.handler.codec.http.HttpMessage oversized)
                throws Exception {
            metrics.rejected(FrontDoorMetrics.Rejection.BODY_TOO_LARGE);
            super.handleOversizedMessage(ctx, oversized);
        }
    }

    /** After the TLS handshake: HTTP/2 when the client offered it by ALPN, else HTTP/1.1. */
    private final class Negotiation extends ApplicationProtocolNegotiationHandler {
        Negotiation() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                http2(ctx.pipeline());
            } else {
                http1(ctx.pipeline(), "https");
            }
        }

        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            service.metrics().rejected(classify(cause));
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            service.metrics().rejected(classify(cause));
            ctx.close();
        }
    }
}
