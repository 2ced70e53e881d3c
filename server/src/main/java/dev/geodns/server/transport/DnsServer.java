package dev.geodns.server.transport;

import dev.geodns.server.engine.QueryEngine;
import dev.geodns.server.proxy.ProxySettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MessageSizeEstimator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The DNS listeners: UDP and TCP on the same address and port, for each configured address.
 *
 * <p>UDP on a specific IPv4 address is served by recvmmsg threads (gdnsd's blocking
 * {@code recvmmsg}/{@code sendmmsg} loop, on JDK 22 or later) when {@link NativeUdp} allows it;
 * otherwise, and for TCP, IPv6 and wildcard addresses, by the native epoll transport where
 * available, NIO elsewhere. Either way one UDP socket per thread is bound with {@code SO_REUSEPORT}
 * so the kernel spreads datagrams across cores (one socket in all with NIO). Port 0 picks one free
 * port for both UDP and TCP.
 */
public final class DnsServer implements AutoCloseable {
    /** The largest UDP query read whole; DNS queries are far smaller (a longer one is cut, then FORMERR). */
    static final int MAX_QUERY_SIZE = 4096;
    static final int DATAGRAMS_PER_READ = 16;
    private static final MessageSizeEstimator UNCOUNTED = () -> msg -> 0;

    private final QueryEngine engine;
    private final TcpSettings tcp;
    private final TransportListener listener;
    private final int threads;
    /** PROXY headers at TCP connection start from trusted proxies; null when none is trusted. */
    private final ProxySettings proxy;
    private final boolean epoll;
    private final EventLoopGroup group;
    private final List<Channel> channels = new ArrayList<>();
    private final List<AutoCloseable> udpLoops = new ArrayList<>();
    private final List<InetSocketAddress> bound = new ArrayList<>();
    private final AtomicInteger openConnections = new AtomicInteger();
    private boolean udpOnEventLoops;

    public DnsServer(QueryEngine engine, TcpSettings tcp, TransportListener listener, int threads) {
        this(engine, tcp, listener, threads, null);
    }

    /**
     * {@code threads}: UDP sockets (one receive loop each, SO_REUSEPORT) and TCP event loops.
     * {@code proxy}: which TCP peers must start with a PROXY header (null: none may); UDP headers
     * are the engine's to read, as every UDP path hands it the datagram.
     */
    public DnsServer(QueryEngine engine, TcpSettings tcp, TransportListener listener, int threads,
            ProxySettings proxy) {
        this.proxy = proxy;
        this.engine = engine;
        this.tcp = tcp;
        this.listener = listener;
        this.threads = Math.max(1, threads);
        this.epoll = Epoll.isAvailable();
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(this.threads, factory);
    }

    /**
     * Serves UDP on Netty's event loops everywhere, never the recvmmsg loop: for fault injection,
     * whose delayed replies are scheduled on the event loop (the recvmmsg thread blocks in
     * {@code recvmmsg} and has no timer to send them from). Call before {@link #bind}.
     */
    public synchronized void udpOnEventLoops() {
        udpOnEventLoops = true;
    }

    /** Binds UDP and TCP on {@code address}; returns the address actually bound (port 0 resolved). */
    public synchronized InetSocketAddress bind(InetSocketAddress address) throws InterruptedException, BindException {
        BindException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            Channel tcpChannel = bindTcp(address);
            InetSocketAddress actual = (InetSocketAddress) tcpChannel.localAddress();
            try {
                if (!udpOnEventLoops && usesRecvmmsg(actual)) {
                    udpLoops.addAll(bindUdpLoops(actual));
                } else {
                    channels.addAll(bindUdp(actual));
                }
                channels.add(tcpChannel);
                bound.add(actual);
                return actual;
            } catch (BindException e) {
                tcpChannel.close().sync();
                last = e;
                if (address.getPort() != 0) {
                    break; // a fixed port taken over UDP: retrying will not help
                }
            }
        }
        throw last;
    }

    private Channel bindTcp(InetSocketAddress address) throws InterruptedException, BindException {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 128 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (openConnections.incrementAndGet() > tcp.maxConnections()) {
                            openConnections.decrementAndGet();
                            listener.tcpRefused();
                            ch.close();
                            return;
                        }
                        listener.tcpOpened();
                        ch.closeFuture().addListener((ChannelFutureListener) f -> {
                            openConnections.decrementAndGet();
                            listener.tcpClosed();
                        });
                        long idle = tcp.idleTimeout().toMillis();
                        TcpQueryHandler queries = new TcpQueryHandler(engine, listener::error);
                        ch.pipeline().addLast(new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS));
                        if (proxy != null) {
                            boolean trusted = proxy.from().trusts(ch.remoteAddress().getAddress());
                            ch.pipeline().addLast(new ProxyHeaderSniffer(trusted, proxy.listener()));
                            if (trusted) {
                                ch.pipeline().addLast(new ProxyMessageHandler(queries, proxy.listener()));
                            }
                        }
                        ch.pipeline()
                                .addLast(new LengthFieldPrepender(2))
                                // RFC 7766 8: two-byte length prefix; a zero-length or oversized frame is garbage.
                                .addLast(new LengthFieldBasedFrameDecoder(65535, 0, 2, 0, 2))
                                .addLast(queries);
                    }
                });
        try {
            return b.bind(address).sync().channel();
        } catch (Exception e) {
            throw bindFailure(address, "TCP", e);
        }
    }

    /** Wildcard addresses stay on Netty: their answers must leave from the address each query came to. */
    private static boolean usesRecvmmsg(InetSocketAddress address) {
        return address.getAddress() instanceof Inet4Address && !address.getAddress().isAnyLocalAddress()
                && NativeUdp.available();
    }

    private List<AutoCloseable> bindUdpLoops(InetSocketAddress address) throws BindException {
        List<AutoCloseable> out = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                out.add(NativeUdp.open(address, engine, listener::error, "geodns-udp-" + address.getPort() + "-" + i));
            }
            return out;
        } catch (BindException | RuntimeException e) {
            closeAll(out);
            throw e;
        }
    }

    private void closeAll(List<AutoCloseable> loops) {
        for (AutoCloseable loop : loops) {
            try {
                loop.close();
            } catch (Exception e) {
                listener.error(e);
            }
        }
    }

    private List<Channel> bindUdp(InetSocketAddress address) throws InterruptedException, BindException {
        UdpQueryHandler handler = new UdpQueryHandler(engine, listener::error,
                address.getAddress().isAnyLocalAddress());
        // An IPv4 address gets an IPv4 socket: a dual-stack one sends every answer through the
        // kernel's IPv6 UDP path first and hands us v4-mapped addresses.
        SocketProtocolFamily family = address.getAddress() instanceof Inet4Address
                ? SocketProtocolFamily.INET : SocketProtocolFamily.INET6;
        List<Channel> out = new ArrayList<>();
        int sockets = epoll ? threads : 1;
        try {
            for (int i = 0; i < sockets; i++) {
                Bootstrap b = new Bootstrap()
                        .group(group)
                        .channelFactory(epoll
                                ? () -> new EpollDatagramChannel(family)
                                : () -> new NioDatagramChannel(family))
                        .option(ChannelOption.SO_RCVBUF, 4 * 1024 * 1024)
                        .option(ChannelOption.SO_SNDBUF, 4 * 1024 * 1024)
                        // Answers are not counted against write-buffer water marks (nobody here
                        // waits for writability; the socket buffer is the limit): saves two atomic
                        // updates per answer.
                        .option(ChannelOption.MESSAGE_SIZE_ESTIMATOR, UNCOUNTED)
                        .handler(handler);
                if (epoll) {
                    b.option(EpollChannelOption.SO_REUSEPORT, true);
                    // recvmmsg: up to DATAGRAMS_PER_READ queries per system call, and their answers
                    // leave in one sendmmsg when the read batch is flushed.
                    b.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_QUERY_SIZE);
                    b.option(ChannelOption.RCVBUF_ALLOCATOR,
                            new FixedRecvByteBufAllocator(MAX_QUERY_SIZE * DATAGRAMS_PER_READ));
                }
                out.add(b.bind(address).sync().channel());
            }
            return out;
        } catch (Exception e) {
            for (Channel c : out) {
                c.close().sync();
            }
            throw bindFailure(address, "UDP", e);
        }
    }

    private static BindException bindFailure(InetSocketAddress address, String proto, Exception e) {
        return BindFailure.of(proto, address, e);
    }

    /** The addresses bound so far (UDP and TCP share each). */
    public synchronized List<InetSocketAddress> boundAddresses() {
        return List.copyOf(bound);
    }

    public boolean nativeTransport() {
        return epoll;
    }

    /**
     * Readies the transports: links their native parts (Netty's epoll library, the recvmmsg loop's
     * libc calls, each called once) and initialises the buffer allocator Netty's transports answer
     * from and the loop's buffer views. Done on another thread while a process reads its options
     * and loads its world, the first answer comes sooner.
     * Harmless to call more than once or concurrently with a start: the JVM initialises each class
     * once, and whoever gets there second waits for it. Failures are left to the listeners, which
     * link what they need themselves and report them.
     */
    public static void prefetch() {
        try {
            Epoll.isAvailable();
            if (NativeUdp.available()) {
                Class.forName("dev.geodns.server.transport.RecvmmsgUdpListener", true, DnsServer.class.getClassLoader());
                Unpooled.wrappedBuffer(new byte[1]).release(); // the loop's buffer views
            }
            ByteBufAllocator.DEFAULT.ioBuffer(MAX_QUERY_SIZE).release();
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            // only a head start
        }
    }

    /** Why UDP on IPv4 addresses is not served by the recvmmsg loop in this JVM; null when it can be. */
    public static String recvmmsgUnavailableReason() {
        return NativeUdp.unavailableReason();
    }

    /** True when some UDP listener runs the recvmmsg loop rather than Netty. */
    public synchronized boolean recvmmsgUdp() {
        return !udpLoops.isEmpty();
    }

    @Override
    public synchronized void close() {
        closeAll(udpLoops);
        udpLoops.clear();
        for (Channel c : channels) {
            c.close().syncUninterruptibly();
        }
        channels.clear();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
