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
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import jdk.incubator.foreign.CLinker;
import jdk.incubator.foreign.FunctionDescriptor;
import jdk.incubator.foreign.MemoryAddress;
import jdk.incubator.foreign.MemorySegment;
import jdk.incubator.foreign.ResourceScope;
import jdk.incubator.foreign.SymbolLookup;

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
 *       {@code sendmmsg}, called through JDK 17's incubating foreign-function API. Needs
 *       {@code --add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED}.
 * </ul>
 *
 * <p>{@code taskset -c 0 java -XX:ActiveProcessorCount=1 --add-modules jdk.incubator.foreign
 * --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar
 * dev.geodns.bench.EchoTransportServer panama-recvmmsg 15404}
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
            case "panama-recvmmsg" -> PanamaLoop.run(port);
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

    /** gdnsd's loop through the foreign-function API; a class of its own so the others run without the module. */
    static final class PanamaLoop {
        private static final int BATCH = 16;
        private static final int QUERY_BYTES = 4096;
        private static final int ANSWER_SLOT = 512;
        private static final int MMSGHDR = 64; // struct mmsghdr on x86_64: msghdr (56) + msg_len, padded
        private static final int MSG_WAITFORONE = 0x10000;

        static void run(int port) throws Throwable {
            CLinker linker = CLinker.getInstance();
            SymbolLookup libc = CLinker.systemLookup();
            MethodHandle socket = linker.downcallHandle(libc.lookup("socket").orElseThrow(),
                    MethodType.methodType(int.class, int.class, int.class, int.class),
                    FunctionDescriptor.of(CLinker.C_INT, CLinker.C_INT, CLinker.C_INT, CLinker.C_INT));
            MethodHandle setsockopt = linker.downcallHandle(libc.lookup("setsockopt").orElseThrow(),
                    MethodType.methodType(int.class, int.class, int.class, int.class, MemoryAddress.class, int.class),
                    FunctionDescriptor.of(CLinker.C_INT, CLinker.C_INT, CLinker.C_INT, CLinker.C_INT,
                            CLinker.C_POINTER, CLinker.C_INT));
            MethodHandle bind = linker.downcallHandle(libc.lookup("bind").orElseThrow(),
                    MethodType.methodType(int.class, int.class, MemoryAddress.class, int.class),
                    FunctionDescriptor.of(CLinker.C_INT, CLinker.C_INT, CLinker.C_POINTER, CLinker.C_INT));
            MethodHandle recvmmsg = linker.downcallHandle(libc.lookup("recvmmsg").orElseThrow(),
                    MethodType.methodType(int.class, int.class, MemoryAddress.class, int.class, int.class,
                            MemoryAddress.class),
                    FunctionDescriptor.of(CLinker.C_INT, CLinker.C_INT, CLinker.C_POINTER, CLinker.C_INT,
                            CLinker.C_INT, CLinker.C_POINTER));
            MethodHandle sendmmsg = linker.downcallHandle(libc.lookup("sendmmsg").orElseThrow(),
                    MethodType.methodType(int.class, int.class, MemoryAddress.class, int.class, int.class),
                    FunctionDescriptor.of(CLinker.C_INT, CLinker.C_INT, CLinker.C_POINTER, CLinker.C_INT,
                            CLinker.C_INT));
            ResourceScope scope = ResourceScope.globalScope();

            int fd = (int) socket.invokeExact(2 /* AF_INET */, 2 /* SOCK_DGRAM, blocking */, 0);
            MemorySegment option = MemorySegment.allocateNative(4, scope);
            ByteBuffer optionBytes = option.asByteBuffer().order(ByteOrder.nativeOrder());
            optionBytes.putInt(0, 4 << 20);
            int rcvbuf = (int) setsockopt.invokeExact(fd, 1 /* SOL_SOCKET */, 8 /* SO_RCVBUF */, option.address(), 4);
            int sndbuf = (int) setsockopt.invokeExact(fd, 1, 7 /* SO_SNDBUF */, option.address(), 4);
            MemorySegment address = MemorySegment.allocateNative(16, scope);
            ByteBuffer sockaddr = address.asByteBuffer();
            sockaddr.order(ByteOrder.nativeOrder()).putShort(0, (short) 2);
            sockaddr.order(ByteOrder.BIG_ENDIAN).putShort(2, (short) port).put(4, (byte) 127).put(7, (byte) 1);
            int bound = (int) bind.invokeExact(fd, address.address(), 16);
            if (fd < 0 || rcvbuf != 0 || sndbuf != 0 || bound != 0) {
                throw new IllegalStateException("socket setup failed: fd " + fd + ", bind " + bound);
            }

            MemorySegment queries = MemorySegment.allocateNative(BATCH * QUERY_BYTES, scope);
            MemorySegment answers = MemorySegment.allocateNative(BATCH * ANSWER_SLOT, scope);
            MemorySegment names = MemorySegment.allocateNative(BATCH * 16, scope);
            MemorySegment iovecs = MemorySegment.allocateNative(BATCH * 32, scope);
            MemorySegment recvHeaders = MemorySegment.allocateNative(BATCH * MMSGHDR, scope);
            MemorySegment sendHeaders = MemorySegment.allocateNative(BATCH * MMSGHDR, scope);
            ByteBuffer in = queries.asByteBuffer();
            ByteBuffer out = answers.asByteBuffer();
            ByteBuffer iov = iovecs.asByteBuffer().order(ByteOrder.nativeOrder());
            ByteBuffer rh = recvHeaders.asByteBuffer().order(ByteOrder.nativeOrder());
            ByteBuffer sh = sendHeaders.asByteBuffer().order(ByteOrder.nativeOrder());
            long queriesAt = queries.address().toRawLongValue();
            long answersAt = answers.address().toRawLongValue();
            long namesAt = names.address().toRawLongValue();
            long iovecsAt = iovecs.address().toRawLongValue();
            for (int i = 0; i < BATCH; i++) {
                // iovec pairs: [query buffer i][answer buffer i]
                iov.putLong(i * 32, queriesAt + (long) i * QUERY_BYTES).putLong(i * 32 + 8, QUERY_BYTES);
                iov.putLong(i * 32 + 16, answersAt + (long) i * ANSWER_SLOT).putLong(i * 32 + 24, ANSWER_BYTES);
                // msghdr: msg_name, msg_namelen, msg_iov, msg_iovlen (control 0); the answer goes
                // back to the address the query came from
                rh.putLong(i * MMSGHDR, namesAt + i * 16L).putInt(i * MMSGHDR + 8, 16)
                        .putLong(i * MMSGHDR + 16, iovecsAt + i * 32L).putLong(i * MMSGHDR + 24, 1);
                sh.putLong(i * MMSGHDR, namesAt + i * 16L).putInt(i * MMSGHDR + 8, 16)
                        .putLong(i * MMSGHDR + 16, iovecsAt + i * 32L + 16).putLong(i * MMSGHDR + 24, 1);
            }
            MemoryAddress recvAt = recvHeaders.address();
            MemoryAddress sendAt = sendHeaders.address();
            while (true) {
                int n = (int) recvmmsg.invokeExact(fd, recvAt, BATCH, MSG_WAITFORONE, MemoryAddress.NULL);
                if (n <= 0) {
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    int length = Math.min(rh.getInt(i * MMSGHDR + 56), ANSWER_BYTES);
                    rh.putInt(i * MMSGHDR + 8, 16); // the kernel wrote the sender's length here
                    int a = i * ANSWER_SLOT;
                    int q = i * QUERY_BYTES;
                    for (int k = 0; k < length; k++) {
                        out.put(a + k, in.get(q + k));
                    }
                    out.put(a + 2, (byte) (out.get(a + 2) | 0x84));
                    for (int k = length; k < ANSWER_BYTES; k++) {
                        out.put(a + k, (byte) 0);
                    }
                }
                int sent = (int) sendmmsg.invokeExact(fd, sendAt, n, 0);
                if (sent < 0) {
                    System.err.println("sendmmsg failed");
                }
            }
        }
    }
}
