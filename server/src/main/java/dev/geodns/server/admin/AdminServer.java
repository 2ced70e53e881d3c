package dev.geodns.server.admin;

import dev.geodns.server.transport.BindFailure;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The admin HTTP listener (Netty, HTTP/1.1): decodes requests, hands them to {@link AdminApi} on a
 * small worker pool (reload and explain do real work, which must not stall the listener's event
 * loop), and writes the answers. Separate from the DNS event loops, so admin traffic never delays
 * a query. Requests over 64 KiB get 413; idle connections close after 60 s.
 */
public final class AdminServer implements AutoCloseable {
    private static final int MAX_REQUEST = 64 * 1024;

    private final EventLoopGroup group;
    private final ExecutorService workers;
    private final ChannelGroup connections;
    private final Channel channel;
    private final InetSocketAddress address;

    private AdminServer(EventLoopGroup group, ExecutorService workers, ChannelGroup connections, Channel channel) {
        this.group = group;
        this.workers = workers;
        this.connections = connections;
        this.channel = channel;
        this.address = (InetSocketAddress) channel.localAddress();
    }

    /**
     * Binds {@code address} (port 0 picks a free port) and serves {@code api}; nothing is left
     * running on failure.
     */
    public static AdminServer start(InetSocketAddress address, AdminApi api) throws BindException, InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "geodns-admin");
            t.setDaemon(true);
            return t;
        });
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline()
                                .addLast(new ReadTimeoutHandler(60, TimeUnit.SECONDS))
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(MAX_REQUEST))
                                .addLast(new Handler(api, workers));
                    }
                });
        try {
            return new AdminServer(group, workers, connections, b.bind(address).sync().channel());
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownNow();
            if (e instanceof InterruptedException ie) {
                throw ie;
            }
            throw BindFailure.of("admin HTTP", address, e);
        }
    }

    /** The address bound. */
    public InetSocketAddress address() {
        return address;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:9153}. */
    public String url() {
        String host = address.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        workers.shutdownNow();
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * Carries one decoded request to the API on a worker thread and writes the answer back. Reading
     * pauses while a request is being answered, so answers leave in request order.
     */
    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final AdminApi api;
        private final ExecutorService workers;

        Handler(AdminApi api, ExecutorService workers) {
            this.api = api;
            this.workers = workers;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean valid = request.decoderResult().isSuccess();
            String method = request.method().name();
            String uri = request.uri();
            String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
            boolean keepAlive = valid && HttpUtil.isKeepAlive(request);
            if (!valid) {
                respond(ctx, AdminApi.error(400, "malformed HTTP request", Map.of()), false, false);
                return;
            }
            ctx.channel().config().setAutoRead(false);
            try {
                workers.execute(() -> {
                    AdminApi.Response r = api.handle(method, uri, authorization);
                    respond(ctx, r, method.equals("HEAD"), keepAlive);
                    ctx.channel().config().setAutoRead(true);
                });
            } catch (RejectedExecutionException e) {
                respond(ctx, AdminApi.error(503, "shutting down", Map.of()), false, false);
            }
        }

        private static void respond(ChannelHandlerContext ctx, AdminApi.Response r, boolean head, boolean keepAlive) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(r.status()),
                    head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(r.body()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
            response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            r.headers().forEach((k, v) -> response.headers().set(k, v));
            if (keepAlive) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.writeAndFlush(response);
            } else {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A reset connection or a read timeout: nothing to answer.
            ctx.close();
        }
    }
}
