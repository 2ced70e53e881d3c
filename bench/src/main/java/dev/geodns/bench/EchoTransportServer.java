package dev.geodns.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MessageSizeEstimator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.util.ResourceLeakDetector;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * Other UDP transports than ours, as echo servers like {@link TransportFloorServer} (each query
 * sent back as its own answer, QR and AA set, zero-padded to 154 bytes; one thread; 127.0.0.1),
 * to measure what each would cost under the comparison's load. Findings in bench/README.md
 * ("Other transports tried"). Experiments, not product code: no error handling beyond the lab.
 *
 * <ul>
 *   <li>{@code jdk-nio}: a blocking {@link DatagramChannel}, one {@code recvfrom} and one
 *       {@code sendto} per query, no epoll;
 *   <li>{@code netty-io-uring}: Netty 4.2's {@link IoUringDatagramChannel}, otherwise set up like
 *       the floor;
 *   <li>{@code panama-recvmmsg}: what gdnsd does, from Java: a blocking socket read with
 *       {@code recvmmsg(MSG_WAITFORONE)} (up to 16 queries) and answered with one
 *       {@code sendmmsg}, called through the foreign-function API ({@code PanamaLoop}, JDK 22 or
 *       later, {@code --enable-native-access=ALL-UNNAMED}).
 * </ul>
 *
 * <p>{@code taskset -c 0 java -XX:ActiveProcessorCount=1 --enable-native-access=ALL-UNNAMED
 * -cp bench/target/benchmarks.jar dev.geodns.bench.EchoTransportServer panama-recvmmsg 15404}
 */
public final class EchoTransportServer {
    static final int ANSWER_BYTES = 154;
    private static final MessageSizeEstimator UNCOUNTED = () -> msg -> 0;

    private EchoTransportServer() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length != 2) {
            System.err.println("usage: EchoTransportServer jdk-nio|netty-io-uring|panama-recvmmsg PORT");
            System.exit(2);
        }
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        int port = Integer.parseInt(args[1]);
        System.out.println(args[0] + " echo on 127.0.0.1:" + port);
        switch (args[0]) {
            case "jdk-nio" -> jdkNio(port);
            case "netty-io-uring" -> nettyIoUring(port);
            case "panama-recvmmsg" -> panamaRecvmmsg(port);
            default -> {
                System.err.println("unknown transport " + args[0]);
                System.exit(2);
            }
        }
    }

    private static void jdkNio(int port) throws Exception {
        try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET)) {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            ch.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            ch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            ByteBuffer in = ByteBuffer.allocateDirect(4096);
            ByteBuffer out = ByteBuffer.allocateDirect(4096);
            while (true) {
                in.clear();
                SocketAddress from = ch.receive(in);
                in.flip();
                out.clear();
                out.put(in);
                out.put(2, (byte) (out.get(2) | 0x84));
                while (out.position() < ANSWER_BYTES) {
                    out.put((byte) 0);
                }
                out.flip();
                ch.send(out, from);
            }
        }
    }

    /** {@code PanamaLoop} is a JDK 22+ class (META-INF/versions/22 of the jar): looked up by name. */
    private static void panamaRecvmmsg(int port) throws Throwable {
        if (Runtime.version().feature() < 22) {
            throw new IllegalStateException("panama-recvmmsg needs JDK 22 or later (and a jar built by one)");
        }
        try {
            Class.forName("dev.geodns.bench.PanamaLoop").getDeclaredMethod("run", int.class).invoke(null, port);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void nettyIoUring(int port) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, IoUringIoHandler.newFactory());
        new Bootstrap()
                .group(group)
                .channelFactory(() -> new IoUringDatagramChannel(SocketProtocolFamily.INET))
                .option(ChannelOption.SO_RCVBUF, 4 << 20)
                .option(ChannelOption.SO_SNDBUF, 4 << 20)
                .option(ChannelOption.MESSAGE_SIZE_ESTIMATOR, UNCOUNTED)
                .option(IoUringChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, 4096)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(4096 * 16))
                .handler(new TransportFloorServer.Reflector(ANSWER_BYTES))
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).sync().channel()
                .closeFuture().sync();
    }
}
