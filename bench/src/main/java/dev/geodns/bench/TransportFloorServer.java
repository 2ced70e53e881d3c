package dev.geodns.bench;

import dev.geodns.server.cli.Main;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MessageSizeEstimator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

/**
 * The floor under our server's cost per query: Netty's epoll UDP transport set up as
 * {@code DnsServer} sets it up (IPv4 socket, {@code SO_REUSEPORT}, {@code recvmmsg} of 16 x 4096
 * bytes, one {@code sendmmsg} per read batch, 4 MiB socket buffers, uncounted writes, no leak
 * sampling), one event loop, answering every query without looking at it: the query's own bytes
 * with QR and AA set, padded with zeros to a fixed size (our average answer, 154 bytes, by
 * default). {@code bench/run-comparison.sh} measures it beside the real servers, so the table
 * shows how much of our cost is the transport and how much is answering.
 *
 * <p>{@code java -XX:ActiveProcessorCount=1 -cp bench/target/benchmarks.jar
 * dev.geodns.bench.TransportFloorServer 15358 [RESPONSE_BYTES]} (loopback only; needs epoll)
 */
public final class TransportFloorServer {
    private static final int MAX_QUERY = 4096;
    private static final int DATAGRAMS_PER_READ = 16;
    private static final MessageSizeEstimator UNCOUNTED = () -> msg -> 0;

    private TransportFloorServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: TransportFloorServer PORT [RESPONSE_BYTES]");
            System.exit(2);
        }
        Main.applyNettyDefaultsUnlessAsked();
        int port = Integer.parseInt(args[0]);
        int responseBytes = args.length > 1 ? Integer.parseInt(args[1]) : 154;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        Channel channel = new Bootstrap()
                .group(group)
                .channelFactory(() -> new EpollDatagramChannel(SocketProtocolFamily.INET))
                .option(ChannelOption.SO_RCVBUF, 4 * 1024 * 1024)
                .option(ChannelOption.SO_SNDBUF, 4 * 1024 * 1024)
                .option(ChannelOption.MESSAGE_SIZE_ESTIMATOR, UNCOUNTED)
                .option(EpollChannelOption.SO_REUSEPORT, true)
                .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_QUERY)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_QUERY * DATAGRAMS_PER_READ))
                .handler(new Reflector(responseBytes))
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).sync().channel();
        System.out.println("transport floor on " + channel.localAddress() + ", " + responseBytes + "-byte answers");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            channel.close().syncUninterruptibly();
            group.shutdownGracefully().syncUninterruptibly();
            stopped.countDown();
        }));
        stopped.await();
    }

    /** Sends each query back as its own answer: header and question, QR and AA set, zero padding. */
    @ChannelHandler.Sharable
    static final class Reflector extends SimpleChannelInboundHandler<DatagramPacket> {
        private final int responseBytes;

        Reflector(int responseBytes) {
            this.responseBytes = responseBytes;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf query = packet.content();
            if (query.readableBytes() < 12) {
                return;
            }
            int length = Math.max(responseBytes, query.readableBytes());
            ByteBuf answer = ctx.alloc().ioBuffer(length);
            answer.writeBytes(query, query.readerIndex(), query.readableBytes());
            answer.setByte(2, answer.getByte(2) | 0x84); // QR, AA
            answer.writeZero(length - answer.writerIndex());
            ctx.write(new DatagramPacket(answer, packet.sender()), ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }
}
