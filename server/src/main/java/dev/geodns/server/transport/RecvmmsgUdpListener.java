package dev.geodns.server.transport;

import dev.geodns.server.engine.QueryEngine;
import dev.geodns.server.engine.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import jdk.incubator.foreign.CLinker;
import jdk.incubator.foreign.FunctionDescriptor;
import jdk.incubator.foreign.MemoryAddress;
import jdk.incubator.foreign.MemorySegment;
import jdk.incubator.foreign.ResourceScope;
import jdk.incubator.foreign.SymbolLookup;

/**
 * One UDP socket on an IPv4 address served by a thread of its own the way gdnsd does it: a
 * blocking {@code recvmmsg(MSG_WAITFORONE)} takes up to {@value #BATCH} queries, the engine answers
 * each, and one {@code sendmmsg} sends the answers back to where the queries came from. No epoll,
 * no channel pipeline, no per-datagram objects beyond the answer buffer.
 *
 * <p>Why our own loop: Netty's epoll datagram channel costs 10-20% more CPU per query than gdnsd's
 * loop on the same machine, before any DNS work (bench/README.md, "Results at the transport
 * floor"), and neither the JDK nor Netty offers a blocking {@code recvmmsg}. JDK 17's incubating
 * foreign-function API calls libc directly, with no native code of ours to build. It needs
 * {@code --add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED}; without them
 * ({@link NativeUdp#available()}) the server uses Netty, as it does for IPv6 and wildcard
 * addresses (whose answers need the source address chosen per packet).
 *
 * <p>Layouts are Linux x86_64 (LP64): {@code struct mmsghdr} is 64 bytes (a 56-byte
 * {@code msghdr}, then {@code msg_len}), {@code struct iovec} 16, {@code sockaddr_in} 16.
 */
final class RecvmmsgUdpListener implements AutoCloseable {
    static final int BATCH = 16;
    private static final int QUERY_BYTES = 4096;
    private static final int MMSGHDR = 64;
    private static final int MSG_LEN = 56;
    private static final int IOVEC = 16;
    private static final int SOCKADDR_IN = 16;
    private static final int MSG_WAITFORONE = 0x10000;
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOL_SOCKET = 1;
    private static final int SO_SNDBUF = 7;
    private static final int SO_RCVBUF = 8;
    private static final int SO_REUSEPORT = 15;
    /** Recently seen senders, by a hash of address and port: a steady client costs no allocation. */
    private static final int SENDER_CACHE = 64;

    private final QueryEngine engine;
    private final Consumer<Throwable> onError;
    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
    private final ResourceScope scope = ResourceScope.newSharedScope();
    private final int fd;
    private final Thread thread;
    private volatile boolean running = true;

    private RecvmmsgUdpListener(QueryEngine engine, Consumer<Throwable> onError, int fd, String threadName) {
        this.engine = engine;
        this.onError = onError;
        this.fd = fd;
        this.thread = new FastThreadLocalThread(this::serve, threadName);
        thread.setDaemon(true); // should a wake-up be lost, a thread stuck in recvmmsg does not hold the JVM
    }

    /** Binds {@code address} (an IPv4 address, not the wildcard) with SO_REUSEPORT and starts serving. */
    static RecvmmsgUdpListener open(InetSocketAddress address, QueryEngine engine, Consumer<Throwable> onError,
            String threadName) throws BindException {
        int fd = Libc.openBoundSocket(address);
        RecvmmsgUdpListener listener = new RecvmmsgUdpListener(engine, onError, fd, threadName);
        listener.thread.start();
        return listener;
    }

    private void serve() {
        try {
            new Loop().run();
        } catch (Throwable t) {
            if (running) {
                onError.accept(t);
            }
        }
    }

    /** The buffers of one thread, in native memory the kernel reads and writes directly. */
    private final class Loop {
        private final MemorySegment querySlots = MemorySegment.allocateNative((long) BATCH * QUERY_BYTES, scope);
        private final ByteBuffer queries = querySlots.asByteBuffer();
        /** For answers in buffers without a native address (heap buffers): copied here to be sent. */
        private final MemorySegment answerSlots = MemorySegment.allocateNative((long) BATCH * QUERY_BYTES, scope);
        private final ByteBuffer answerCopies = answerSlots.asByteBuffer();
        private final MemorySegment names = MemorySegment.allocateNative((long) BATCH * SOCKADDR_IN, scope);
        private final MemorySegment iovecs = MemorySegment.allocateNative(2L * BATCH * IOVEC, scope);
        private final MemorySegment recvHeaders = MemorySegment.allocateNative((long) BATCH * MMSGHDR, scope);
        private final MemorySegment sendHeaders = MemorySegment.allocateNative((long) BATCH * MMSGHDR, scope);
        private final ByteBuffer nameBytes = names.asByteBuffer().order(ByteOrder.BIG_ENDIAN);
        private final ByteBuffer iov = iovecs.asByteBuffer().order(ByteOrder.nativeOrder());
        private final ByteBuffer recv = recvHeaders.asByteBuffer().order(ByteOrder.nativeOrder());
        private final ByteBuffer send = sendHeaders.asByteBuffer().order(ByteOrder.nativeOrder());
        private final long namesAt = names.address().toRawLongValue();
        private final long iovecsAt = iovecs.address().toRawLongValue();
        /** Netty views of the query slots, made once; their indexes are set per query. */
        private final ByteBuf[] queryViews = new ByteBuf[BATCH];
        private final ByteBuf[] answers = new ByteBuf[BATCH];
        private final InetSocketAddress[] senders = new InetSocketAddress[SENDER_CACHE];
        private final int[] senderIps = new int[SENDER_CACHE];
        private final byte[] ipv4 = new byte[4];

        Loop() {
            long queriesAt = querySlots.address().toRawLongValue();
            for (int i = 0; i < BATCH; i++) {
                queryViews[i] = Unpooled.wrappedBuffer(queries.slice(i * QUERY_BYTES, QUERY_BYTES));
                iov.putLong(i * IOVEC, queriesAt + (long) i * QUERY_BYTES).putLong(i * IOVEC + 8, QUERY_BYTES);
                recv.putLong(i * MMSGHDR, namesAt + (long) i * SOCKADDR_IN)
                        .putLong(i * MMSGHDR + 16, iovecsAt + (long) i * IOVEC)
                        .putLong(i * MMSGHDR + 24, 1);
                // the answer iovecs follow the query iovecs; each send header points at one
                send.putLong(i * MMSGHDR + 16, iovecsAt + (long) (BATCH + i) * IOVEC).putLong(i * MMSGHDR + 24, 1);
            }
        }

        void run() throws Throwable {
            MemoryAddress recvAt = recvHeaders.address();
            int failures = 0;
            while (running) {
                for (int i = 0; i < BATCH; i++) {
                    recv.putInt(i * MMSGHDR + 8, SOCKADDR_IN); // msg_namelen: the kernel writes the sender's
                }
                int received = Libc.recvmmsg(fd, recvAt, BATCH, MSG_WAITFORONE);
                if (received <= 0) {
                    // EINTR, or the socket is being closed; without errno, back off if it persists
                    if (++failures > 100) {
                        TimeUnit.MILLISECONDS.sleep(10);
                    }
                    continue;
                }
                failures = 0;
                int toSend = answer(received);
                sendAll(toSend);
            }
        }

        /**
         * Answers the received queries into send headers 0..n-1 and returns n. Nothing escapes: a
         * failure costs that query its answer (and is reported), never the thread.
         */
        private int answer(int received) {
            int n = 0;
            for (int i = 0; i < received; i++) {
                try {
                    if (answerOne(i, n)) {
                        n++;
                    }
                } catch (RuntimeException e) {
                    onError.accept(e);
                }
            }
            return n;
        }

        /** Answers query slot {@code i} into send header {@code n}; false when there is nothing to send. */
        private boolean answerOne(int i, int n) {
            int length = recv.getInt(i * MMSGHDR + MSG_LEN);
            InetSocketAddress sender = sender(i);
            if (sender == null) {
                return false;
            }
            ByteBuf answer = engine.handle(queryViews[i].setIndex(0, length), sender, Transport.UDP, alloc);
            if (answer == null) {
                return false;
            }
            long at;
            int size = Math.min(answer.readableBytes(), QUERY_BYTES);
            if (answer.hasMemoryAddress()) { // the kernel reads the answer where it lies; released after sending
                at = answer.memoryAddress() + answer.readerIndex();
                answers[n] = answer;
            } else {
                answer.getBytes(answer.readerIndex(), answerCopies.slice(n * QUERY_BYTES, size));
                answer.release();
                at = answerSlots.address().toRawLongValue() + (long) n * QUERY_BYTES;
            }
            send.putLong(n * MMSGHDR, namesAt + (long) i * SOCKADDR_IN).putInt(n * MMSGHDR + 8, SOCKADDR_IN);
            iov.putLong((BATCH + n) * IOVEC, at).putLong((BATCH + n) * IOVEC + 8, size);
            return true;
        }

        private void sendAll(int n) throws Throwable {
            try {
                int sent = 0;
                while (sent < n) {
                    int r = Libc.sendmmsg(fd, sendHeaders.address().addOffset((long) sent * MMSGHDR), n - sent);
                    if (r <= 0) {
                        break; // a datagram that cannot be sent is lost, as over any UDP path
                    }
                    sent += r;
                }
            } finally {
                for (int i = 0; i < n; i++) {
                    if (answers[i] != null) {
                        answers[i].release();
                        answers[i] = null;
                    }
                }
            }
        }

        /** The sender of query {@code i}, or null for anything but an IPv4 address. */
        private InetSocketAddress sender(int i) {
            int at = i * SOCKADDR_IN;
            if (nameBytes.order(ByteOrder.nativeOrder()).getShort(at) != AF_INET) {
                return null;
            }
            nameBytes.order(ByteOrder.BIG_ENDIAN);
            int port = nameBytes.getShort(at + 2) & 0xffff;
            int ip = nameBytes.getInt(at + 4);
            int slot = ((ip * 31 + port) * 0x9E3779B1 >>> 16) & (SENDER_CACHE - 1);
            InetSocketAddress cached = senders[slot];
            if (cached != null && cached.getPort() == port && senderIps[slot] == ip) {
                return cached;
            }
            ipv4[0] = (byte) (ip >>> 24);
            ipv4[1] = (byte) (ip >>> 16);
            ipv4[2] = (byte) (ip >>> 8);
            ipv4[3] = (byte) ip;
            try {
                InetSocketAddress fresh = new InetSocketAddress(InetAddress.getByAddress(ipv4), port);
                senders[slot] = fresh;
                senderIps[slot] = ip;
                return fresh;
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // never for four bytes
            }
        }
    }

    /**
     * Stops the thread, then closes the socket. {@code shutdown(SHUT_RD)} wakes the thread out of
     * {@code recvmmsg} on this socket alone (it returns 0 from then on); a datagram sent to our
     * address could land on another thread's socket, as they share the port.
     */
    @Override
    public void close() {
        running = false;
        Libc.shutdownReads(fd);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Libc.close(fd);
        if (!thread.isAlive()) {
            scope.close();
        }
    }

    /** libc through the foreign-function API; linked once. */
    private static final class Libc {
        private static final CLinker LINKER = CLinker.getInstance();
        private static final SymbolLookup LIBC = CLinker.systemLookup();
        private static final MethodHandle SOCKET = link("socket",
                MethodType.methodType(int.class, int.class, int.class, int.class),
                FunctionDescriptor.of(CLinker.C_INT, CLinker.C_INT, CLinker.C_INT, CLinker.C_INT));
        private static final MethodHandle SETSOCKOPT = link("setsockopt",
                MethodType.methodType(int.class, int.class, int.class, int.class, MemoryAddress.class, int.class),
                FunctionDescriptor.of(CLinker.C_INT, CLinker.C_INT, CLinker.C_INT, CLinker.C_INT, CLinker.C_POINTER,
                        CLinker.C_INT));
        private static final MethodHandle BIND = link("bind",
                MethodType.methodType(int.class, int.class, MemoryAddress.class, int.class),
                FunctionDescriptor.of(CLinker.C_INT, CLinker.C_INT, CLinker.C_POINTER, CLinker.C_INT));
        private static final MethodHandle SHUTDOWN = link("shutdown",
                MethodType.methodType(int.class, int.class, int.class),
                FunctionDescriptor.of(CLinker.C_INT, CLinker.C_INT, CLinker.C_INT));
        private static final MethodHandle CLOSE = link("close",
                MethodType.methodType(int.class, int.class), FunctionDescriptor.of(CLinker.C_INT, CLinker.C_INT));
        private static final MethodHandle RECVMMSG = link("recvmmsg",
                MethodType.methodType(int.class, int.class, MemoryAddress.class, int.class, int.class,
                        MemoryAddress.class),
                FunctionDescriptor.of(CLinker.C_INT, CLinker.C_INT, CLinker.C_POINTER, CLinker.C_INT, CLinker.C_INT,
                        CLinker.C_POINTER));
        private static final MethodHandle SENDMMSG = link("sendmmsg",
                MethodType.methodType(int.class, int.class, MemoryAddress.class, int.class, int.class),
                FunctionDescriptor.of(CLinker.C_INT, CLinker.C_INT, CLinker.C_POINTER, CLinker.C_INT, CLinker.C_INT));

        private static MethodHandle link(String name, MethodType type, FunctionDescriptor descriptor) {
            return LINKER.downcallHandle(LIBC.lookup(name).orElseThrow(), type, descriptor);
        }

        /** A blocking IPv4 UDP socket bound to {@code address} with SO_REUSEPORT and 4 MiB buffers. */
        static int openBoundSocket(InetSocketAddress address) throws BindException {
            try (ResourceScope setup = ResourceScope.newConfinedScope()) {
                int fd = (int) SOCKET.invokeExact(AF_INET, SOCK_DGRAM, 0);
                if (fd < 0) {
                    throw new BindException("cannot open a UDP socket for " + address);
                }
                MemorySegment option = MemorySegment.allocateNative(4, setup);
                ByteBuffer value = option.asByteBuffer().order(ByteOrder.nativeOrder());
                value.putInt(0, 1);
                int reuse = (int) SETSOCKOPT.invokeExact(fd, SOL_SOCKET, SO_REUSEPORT, option.address(), 4);
                value.putInt(0, 4 * 1024 * 1024);
                int rcvbuf = (int) SETSOCKOPT.invokeExact(fd, SOL_SOCKET, SO_RCVBUF, option.address(), 4);
                int sndbuf = (int) SETSOCKOPT.invokeExact(fd, SOL_SOCKET, SO_SNDBUF, option.address(), 4);
                MemorySegment sockaddr = MemorySegment.allocateNative(SOCKADDR_IN, setup);
                ByteBuffer s = sockaddr.asByteBuffer();
                s.order(ByteOrder.nativeOrder()).putShort(0, (short) AF_INET);
                s.order(ByteOrder.BIG_ENDIAN).putShort(2, (short) address.getPort());
                s.put(4, address.getAddress().getAddress(), 0, 4);
                int bound = (int) BIND.invokeExact(fd, sockaddr.address(), SOCKADDR_IN);
                if (reuse != 0 || rcvbuf != 0 || sndbuf != 0 || bound != 0) {
                    close(fd);
                    throw new BindException("cannot bind UDP " + BindFailure.format(address) + ": address in use or not local");
                }
                return fd;
            } catch (BindException e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("calling libc", t);
            }
        }

        static int recvmmsg(int fd, MemoryAddress headers, int count, int flags) throws Throwable {
            return (int) RECVMMSG.invokeExact(fd, headers, count, flags, MemoryAddress.NULL);
        }

        static int sendmmsg(int fd, MemoryAddress headers, int count) throws Throwable {
            return (int) SENDMMSG.invokeExact(fd, headers, count, 0);
        }

        static void shutdownReads(int fd) {
            try {
                int ignored = (int) SHUTDOWN.invokeExact(fd, 0 /* SHUT_RD */); // ENOTCONN for UDP, and wakes it
            } catch (Throwable t) {
                throw new IllegalStateException("calling shutdown", t);
            }
        }

        static void close(int fd) {
            try {
                int ignored = (int) CLOSE.invokeExact(fd);
            } catch (Throwable t) {
                throw new IllegalStateException("calling close", t);
            }
        }
    }
}
