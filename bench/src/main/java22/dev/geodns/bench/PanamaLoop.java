package dev.geodns.bench;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;

/**
 * gdnsd's loop as an echo server ({@link EchoTransportServer} {@code panama-recvmmsg}): a blocking
 * {@code recvmmsg(MSG_WAITFORONE)} of up to 16 queries, each sent back as its answer with one
 * {@code sendmmsg}, through the foreign-function API. Linux x86_64/aarch64 with glibc (the layouts).
 */
@SuppressWarnings("restricted")
final class PanamaLoop {
    private static final int BATCH = 16;
    private static final int QUERY_BYTES = 4096;
    private static final int ANSWER_SLOT = 512;
    private static final int MSG_WAITFORONE = 0x10000;
    private static final StructLayout IOVEC = MemoryLayout.structLayout(ADDRESS.withName("iov_base"),
            JAVA_LONG.withName("iov_len"));
    private static final StructLayout MMSGHDR = MemoryLayout.structLayout(
            ADDRESS.withName("msg_name"), JAVA_INT.withName("msg_namelen"), MemoryLayout.paddingLayout(4),
            ADDRESS.withName("msg_iov"), JAVA_LONG.withName("msg_iovlen"),
            ADDRESS.withName("msg_control"), JAVA_LONG.withName("msg_controllen"),
            JAVA_INT.withName("msg_flags"), MemoryLayout.paddingLayout(4),
            JAVA_INT.withName("msg_len"), MemoryLayout.paddingLayout(4));
    private static final long NAME = MMSGHDR.byteOffset(groupElement("msg_name"));
    private static final long NAMELEN = MMSGHDR.byteOffset(groupElement("msg_namelen"));
    private static final long IOV = MMSGHDR.byteOffset(groupElement("msg_iov"));
    private static final long IOVLEN = MMSGHDR.byteOffset(groupElement("msg_iovlen"));
    private static final long LEN = MMSGHDR.byteOffset(groupElement("msg_len"));

    private PanamaLoop() {
    }

    static void run(int port) throws Throwable {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        MethodHandle socket = linker.downcallHandle(libc.find("socket").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        MethodHandle setsockopt = linker.downcallHandle(libc.find("setsockopt").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
        MethodHandle bind = linker.downcallHandle(libc.find("bind").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
        MethodHandle recvmmsg = linker.downcallHandle(libc.find("recvmmsg").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
        MethodHandle sendmmsg = linker.downcallHandle(libc.find("sendmmsg").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        Arena arena = Arena.global();

        int fd = (int) socket.invokeExact(2 /* AF_INET */, 2 /* SOCK_DGRAM, blocking */, 0);
        MemorySegment option = arena.allocate(JAVA_INT);
        option.set(JAVA_INT, 0, 4 << 20);
        int rcvbuf = (int) setsockopt.invokeExact(fd, 1 /* SOL_SOCKET */, 8 /* SO_RCVBUF */, option, 4);
        int sndbuf = (int) setsockopt.invokeExact(fd, 1, 7 /* SO_SNDBUF */, option, 4);
        MemorySegment address = arena.allocate(16);
        address.set(JAVA_SHORT, 0, (short) 2);
        address.set(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2, (short) port);
        address.set(JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN), 4, 0x7f000001);
        int bound = (int) bind.invokeExact(fd, address, 16);
        if (fd < 0 || rcvbuf != 0 || sndbuf != 0 || bound != 0) {
            throw new IllegalStateException("socket setup failed: fd " + fd + ", bind " + bound);
        }

        MemorySegment queries = arena.allocate((long) BATCH * QUERY_BYTES);
        MemorySegment answers = arena.allocate((long) BATCH * ANSWER_SLOT);
        MemorySegment names = arena.allocate(BATCH * 16L, 8);
        MemorySegment iovecs = arena.allocate(MemoryLayout.sequenceLayout(2L * BATCH, IOVEC));
        MemorySegment recvHeaders = arena.allocate(MemoryLayout.sequenceLayout(BATCH, MMSGHDR));
        MemorySegment sendHeaders = arena.allocate(MemoryLayout.sequenceLayout(BATCH, MMSGHDR));
        long h = MMSGHDR.byteSize();
        long v = IOVEC.byteSize();
        for (int i = 0; i < BATCH; i++) {
            // iovec pairs: [query buffer i][answer buffer i]
            iovecs.set(ADDRESS, 2 * i * v, queries.asSlice((long) i * QUERY_BYTES));
            iovecs.set(JAVA_LONG, 2 * i * v + 8, QUERY_BYTES);
            iovecs.set(ADDRESS, (2 * i + 1) * v, answers.asSlice((long) i * ANSWER_SLOT));
            iovecs.set(JAVA_LONG, (2 * i + 1) * v + 8, EchoTransportServer.ANSWER_BYTES);
            // the answer goes back to the address the query came from
            for (MemorySegment headers : new MemorySegment[] {recvHeaders, sendHeaders}) {
                headers.set(ADDRESS, i * h + NAME, names.asSlice(i * 16L));
                headers.set(JAVA_INT, i * h + NAMELEN, 16);
                headers.set(JAVA_LONG, i * h + IOVLEN, 1);
            }
            recvHeaders.set(ADDRESS, i * h + IOV, iovecs.asSlice(2 * i * v));
            sendHeaders.set(ADDRESS, i * h + IOV, iovecs.asSlice((2 * i + 1) * v));
        }
        while (true) {
            int n = (int) recvmmsg.invokeExact(fd, recvHeaders, BATCH, MSG_WAITFORONE, MemorySegment.NULL);
            if (n <= 0) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                int length = Math.min(recvHeaders.get(JAVA_INT, i * h + LEN), EchoTransportServer.ANSWER_BYTES);
                recvHeaders.set(JAVA_INT, i * h + NAMELEN, 16); // the kernel wrote the sender's length here
                long a = (long) i * ANSWER_SLOT;
                MemorySegment.copy(queries, (long) i * QUERY_BYTES, answers, a, length);
                answers.set(JAVA_BYTE, a + 2, (byte) (answers.get(JAVA_BYTE, a + 2) | 0x84));
                answers.asSlice(a + length, EchoTransportServer.ANSWER_BYTES - length).fill((byte) 0);
            }
            int sent = (int) sendmmsg.invokeExact(fd, sendHeaders, n, 0);
            if (sent < 0) {
                System.err.println("sendmmsg failed");
            }
        }
    }
}
