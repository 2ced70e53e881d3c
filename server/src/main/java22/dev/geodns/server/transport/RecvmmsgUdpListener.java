package dev.geodns.server.transport;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.geodns.server.engine.QueryEngine;
import dev.geodns.server.engine.SenderCache;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One UDP socket on an IPv4 address served by a thread of its own the way gdnsd does it: a
 * blocking {@code recvmmsg(MSG_WAITFORONE)} takes up to {@value #BATCH} queries, the engine answers
 * each, and one {@code sendmmsg} sends the answers back to where the queries came from. No epoll,
 * no channel pipeline, no per-datagram objects: queries and answers are read and written in slots
 * the loop keeps.
 *
 * <p>Why our own loop: Netty's epoll datagram channel costs 10-20% more CPU per query than gdnsd's
 * loop on the same machine, before any DNS work (bench/README.md, "Results at the transport
 * floor"), and neither the JDK nor Netty offers a blocking {@code recvmmsg}. The foreign-function
 * API calls libc directly, with no native code of ours to build; the structs are {@link Libc}'s
 * layouts. IPv6 and wildcard addresses stay on Netty (their answers need the source address chosen
 * per packet).
 */
final class RecvmmsgUdpListener implements AutoCloseable {
    static final int BATCH = 16;
    private static final int QUERY_BYTES = DnsServer.MAX_QUERY_SIZE;
    private static final int ANSWER_BYTES = QueryEngine.MAX_UDP_RESPONSE;
    private static final long MMSGHDR = Libc.MMSGHDR.byteSize();
    private static final long IOVEC = Libc.IOVEC.byteSize();
    private static final long SOCKADDR_IN = Libc.SOCKADDR_IN.byteSize();

    private final QueryEngine engine;
    private final Consumer<Throwable> onError;
    private final Arena arena = Arena.ofShared();
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
        private final MemorySegment querySlots = arena.allocate((long) BATCH * QUERY_BYTES, 64);
        /** The answers, copied here from {@link #answerCopies} to be sent. */
        private final MemorySegment answerSlots = arena.allocate((long) BATCH * ANSWER_BYTES, 64);
        private final MemorySegment names = arena.allocate(MemoryLayout.sequenceLayout(BATCH, Libc.SOCKADDR_IN));
        /** The query iovecs, then the answer iovecs. */
        private final MemorySegment iovecs = arena.allocate(MemoryLayout.sequenceLayout(2L * BATCH, Libc.IOVEC));
        private final MemorySegment recvHeaders = arena.allocate(MemoryLayout.sequenceLayout(BATCH, Libc.MMSGHDR));
        private final MemorySegment sendHeaders = arena.allocate(MemoryLayout.sequenceLayout(BATCH, Libc.MMSGHDR));
        private final MemorySegment callState = arena.allocate(Libc.CALL_STATE);
        private final long namesAt = names.address();
        /**
         * The engine reads each query from a heap copy and writes each answer into one (a few dozen
         * bytes, one bulk copy each way): Netty's direct buffers cost a {@code ByteBuffer} view per
         * access where they may not use {@code sun.misc.Unsafe} (its default from JDK 25), and an
         * answer written into a slot of ours needs no buffer from the allocator, nor a release.
         * Made once; indexes set per query.
         */
        private final byte[][] queryCopies = new byte[BATCH][QUERY_BYTES];
        private final ByteBuf[] queryViews = new ByteBuf[BATCH];
        private final byte[][] answerCopies = new byte[BATCH][ANSWER_BYTES];
        private final ByteBuf[] answerViews = new ByteBuf[BATCH];
        private final SenderCache senders = new SenderCache();

        Loop() {
            for (int i = 0; i < BATCH; i++) {
                MemorySegment query = querySlots.asSlice((long) i * QUERY_BYTES, QUERY_BYTES);
                queryViews[i] = Unpooled.wrappedBuffer(queryCopies[i]);
                answerViews[i] = Unpooled.wrappedBuffer(answerCopies[i]);
                iovecs.set(ADDRESS, i * IOVEC + Libc.IOV_BASE, query);
                iovecs.set(Libc.SIZE_T, i * IOVEC + Libc.IOV_LEN, QUERY_BYTES);
                long recv = i * MMSGHDR;
                recvHeaders.set(ADDRESS, recv + Libc.MSG_NAME, names.asSlice(i * SOCKADDR_IN, SOCKADDR_IN));
                recvHeaders.set(ADDRESS, recv + Libc.MSG_IOV, iovecs.asSlice(i * IOVEC, IOVEC));
                recvHeaders.set(Libc.SIZE_T, recv + Libc.MSG_IOVLEN, 1);
                // the answer iovecs follow the query iovecs; each send header points at one, and
                // each answer iovec at one answer slot
                sendHeaders.set(ADDRESS, recv + Libc.MSG_IOV, iovecs.asSlice((BATCH + i) * IOVEC, IOVEC));
                iovecs.set(ADDRESS, (BATCH + i) * IOVEC + Libc.IOV_BASE,
                        answerSlots.asSlice((long) i * ANSWER_BYTES, ANSWER_BYTES));
                sendHeaders.set(Libc.SIZE_T, recv + Libc.MSG_IOVLEN, 1);
            }
        }

        void run() throws Throwable {
            int failures = 0;
            while (running) {
                for (int i = 0; i < BATCH; i++) {
                    // msg_namelen: room for the sender's address, which the kernel writes and shortens
                    recvHeaders.set(JAVA_INT, i * MMSGHDR + Libc.MSG_NAMELEN, (int) SOCKADDR_IN);
                }
                int received = Libc.recvmmsg(callState, fd, recvHeaders, BATCH, Libc.MSG_WAITFORONE);
                if (received > 0) {
                    failures = 0;
                    sendAll(answer(received));
                } else if (received < 0 && running && Libc.errno(callState) != Libc.EINTR && ++failures > 100) {
                    // 0 means the socket is shut down (close() is under way); a persisting error is
                    // reported, and backed off from
                    onError.accept(new IOException("recvmmsg failed: errno " + Libc.errno(callState)));
                    TimeUnit.MILLISECONDS.sleep(10);
                    failures = 0;
                }
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
            int length = recvHeaders.get(JAVA_INT, i * MMSGHDR + Libc.MSG_LEN);
            InetSocketAddress sender = sender(i);
            if (sender == null) {
                return false;
            }
            MemorySegment.copy(querySlots, JAVA_BYTE, (long) i * QUERY_BYTES, queryCopies[i], 0, length);
            ByteBuf answer = engine.handleUdpInto(queryViews[i].setIndex(0, length), sender, answerViews[n]);
            if (answer == null) {
                return false;
            }
            int size = answer.readableBytes();
            MemorySegment.copy(answerCopies[n], 0, answerSlots, JAVA_BYTE, (long) n * ANSWER_BYTES, size);
            // a raw pointer, written as a 64-bit value (LP64 is checked by RecvmmsgLoops): no segment per query
            long send = n * MMSGHDR;
            sendHeaders.set(JAVA_LONG, send + Libc.MSG_NAME, namesAt + i * SOCKADDR_IN);
            sendHeaders.set(JAVA_INT, send + Libc.MSG_NAMELEN, (int) SOCKADDR_IN);
            iovecs.set(Libc.SIZE_T, (BATCH + n) * IOVEC + Libc.IOV_LEN, size);
            return true;
        }

        /**
         * Sends answers 0..n-1: first without blocking, as a critical call; should the socket
         * buffer be full, the rest with an ordinary call that waits for room.
         */
        private void sendAll(int n) throws Throwable {
            int sent = 0;
            boolean wait = false;
            while (sent < n) {
                MemorySegment from = sent == 0 ? sendHeaders : sendHeaders.asSlice(sent * MMSGHDR);
                int r = wait ? Libc.sendmmsg(callState, fd, from, n - sent)
                        : Libc.sendmmsgNow(callState, fd, from, n - sent);
                if (r > 0) {
                    sent += r;
                } else if (r < 0 && !wait && Libc.errno(callState) == Libc.EAGAIN) {
                    wait = true;
                } else if (r < 0 && Libc.errno(callState) == Libc.EINTR) {
                    continue;
                } else {
                    sent++; // this datagram cannot be sent (e.g. unreachable): lost, as over any UDP path
                }
            }
        }

        /** The sender of query {@code i}, or null for anything but an IPv4 address. */
        private InetSocketAddress sender(int i) {
            long at = i * SOCKADDR_IN;
            if (names.get(JAVA_SHORT, at + Libc.SIN_FAMILY) != Libc.AF_INET) {
                return null;
            }
            int port = names.get(Libc.PORT, at + Libc.SIN_PORT) & 0xffff;
            return senders.v4(names.get(Libc.IPV4, at + Libc.SIN_ADDR), port);
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
            arena.close();
        }
    }
}
