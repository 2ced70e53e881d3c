package dev.geodns.server.transport;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;

/**
 * The libc functions and C structs of the recvmmsg loop, bound through the foreign-function API.
 * Layouts and constants are those of Linux with glibc on LP64 (x86_64, aarch64: the generic
 * {@code bits/socket.h} and {@code asm-generic} socket values); {@link NativeUdp} keeps other
 * platforms away. Every call that can fail reports {@code errno}.
 */
@SuppressWarnings("restricted") // linking libc is what this class is for; access is checked by RecvmmsgLoops
final class Libc {
    static final int AF_INET = 2;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_WAITFORONE = 0x10000;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    private static final int EADDRINUSE = 98;
    private static final int EADDRNOTAVAIL = 99;
    private static final int SOCK_DGRAM = 2;
    private static final int SOL_SOCKET = 1;
    private static final int SO_SNDBUF = 7;
    private static final int SO_RCVBUF = 8;
    private static final int SO_REUSEPORT = 15;
    private static final int SHUT_RD = 0;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final ValueLayout C_INT = (ValueLayout) LINKER.canonicalLayouts().get("int");
    /** {@code size_t}; the cast fails (and the loop is refused) where it is not 64 bits. */
    static final ValueLayout.OfLong SIZE_T = (ValueLayout.OfLong) LINKER.canonicalLayouts().get("size_t");

    /** {@code struct sockaddr_in}: the family in host order, port and address in network order. */
    static final StructLayout SOCKADDR_IN = MemoryLayout.structLayout(
            JAVA_SHORT.withName("sin_family"),
            JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN).withName("sin_port"),
            JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN).withName("sin_addr"),
            MemoryLayout.paddingLayout(8)).withName("sockaddr_in");
    /** {@code struct iovec}. */
    static final StructLayout IOVEC = MemoryLayout.structLayout(
            ADDRESS.withName("iov_base"),
            SIZE_T.withName("iov_len")).withName("iovec");
    /** {@code struct msghdr} (padding where the C compiler aligns the next pointer). */
    static final StructLayout MSGHDR = MemoryLayout.structLayout(
            ADDRESS.withName("msg_name"),
            JAVA_INT.withName("msg_namelen"),
            MemoryLayout.paddingLayout(4),
            ADDRESS.withName("msg_iov"),
            SIZE_T.withName("msg_iovlen"),
            ADDRESS.withName("msg_control"),
            SIZE_T.withName("msg_controllen"),
            JAVA_INT.withName("msg_flags"),
            MemoryLayout.paddingLayout(4)).withName("msghdr");
    /** {@code struct mmsghdr}: one message of recvmmsg/sendmmsg and the bytes it carried. */
    static final StructLayout MMSGHDR = MemoryLayout.structLayout(
            MSGHDR.withName("msg_hdr"),
            JAVA_INT.withName("msg_len"),
            MemoryLayout.paddingLayout(4)).withName("mmsghdr");

    static final long SIN_FAMILY = SOCKADDR_IN.byteOffset(groupElement("sin_family"));
    static final long SIN_PORT = SOCKADDR_IN.byteOffset(groupElement("sin_port"));
    static final long SIN_ADDR = SOCKADDR_IN.byteOffset(groupElement("sin_addr"));
    static final long IOV_BASE = IOVEC.byteOffset(groupElement("iov_base"));
    static final long IOV_LEN = IOVEC.byteOffset(groupElement("iov_len"));
    static final long MSG_NAME = MMSGHDR.byteOffset(groupElement("msg_hdr"), groupElement("msg_name"));
    static final long MSG_NAMELEN = MMSGHDR.byteOffset(groupElement("msg_hdr"), groupElement("msg_namelen"));
    static final long MSG_IOV = MMSGHDR.byteOffset(groupElement("msg_hdr"), groupElement("msg_iov"));
    static final long MSG_IOVLEN = MMSGHDR.byteOffset(groupElement("msg_hdr"), groupElement("msg_iovlen"));
    static final long MSG_LEN = MMSGHDR.byteOffset(groupElement("msg_len"));
    static final ValueLayout.OfShort PORT = (ValueLayout.OfShort) SOCKADDR_IN.select(groupElement("sin_port"));
    static final ValueLayout.OfInt IPV4 = (ValueLayout.OfInt) SOCKADDR_IN.select(groupElement("sin_addr"));

    /** Where each call leaves its {@code errno}: one segment of this layout per calling thread. */
    static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final long ERRNO = CALL_STATE.byteOffset(groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final MethodHandle SOCKET = link("socket", FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT));
    private static final MethodHandle SETSOCKOPT = link("setsockopt",
            FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT, ADDRESS, C_INT));
    private static final MethodHandle BIND = link("bind", FunctionDescriptor.of(C_INT, C_INT, ADDRESS, C_INT));
    private static final MethodHandle SHUTDOWN = link("shutdown", FunctionDescriptor.of(C_INT, C_INT, C_INT));
    private static final MethodHandle CLOSE = link("close", FunctionDescriptor.of(C_INT, C_INT));
    /** Blocks until a datagram arrives: an ordinary downcall, so the JVM can reach a safepoint meanwhile. */
    private static final MethodHandle RECVMMSG = link("recvmmsg",
            FunctionDescriptor.of(C_INT, C_INT, ADDRESS, C_INT, C_INT, ADDRESS));
    private static final MethodHandle SENDMMSG = link("sendmmsg",
            FunctionDescriptor.of(C_INT, C_INT, ADDRESS, C_INT, C_INT));
    /**
     * sendmmsg with {@code MSG_DONTWAIT}, which never blocks, as a critical call (no thread-state
     * transition; a critical call must not block, as no safepoint can happen during it).
     */
    private static final MethodHandle SENDMMSG_NOW = link("sendmmsg",
            FunctionDescriptor.of(C_INT, C_INT, ADDRESS, C_INT, C_INT), Linker.Option.critical(false));

    private Libc() {
    }

    private static MethodHandle link(String name, FunctionDescriptor descriptor, Linker.Option... more) {
        Linker.Option[] options = new Linker.Option[more.length + 1];
        options[0] = CAPTURE_ERRNO;
        System.arraycopy(more, 0, options, 1, more.length);
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError(name)), descriptor,
                options);
    }

    /** True when libc is glibc, whose struct layouts these are (musl lays out {@code msghdr} otherwise). */
    static boolean isGlibc() {
        return LIBC.find("gnu_get_libc_version").isPresent();
    }

    static int errno(MemorySegment callState) {
        return callState.get(JAVA_INT, ERRNO);
    }

    /** A blocking IPv4 UDP socket bound to {@code address} with SO_REUSEPORT and 4 MiB buffers. */
    static int openBoundSocket(InetSocketAddress address) throws BindException {
        try (Arena setup = Arena.ofConfined()) {
            MemorySegment state = setup.allocate(CALL_STATE);
            int fd = (int) SOCKET.invokeExact(state, AF_INET, SOCK_DGRAM, 0);
            if (fd < 0) {
                throw new BindException("cannot open a UDP socket for " + address + ": errno " + errno(state));
            }
            MemorySegment option = setup.allocate(C_INT);
            option.set(JAVA_INT, 0, 1);
            int failed = (int) SETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_REUSEPORT, option, (int) option.byteSize());
            option.set(JAVA_INT, 0, 4 * 1024 * 1024);
            failed |= (int) SETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_RCVBUF, option, (int) option.byteSize());
            failed |= (int) SETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_SNDBUF, option, (int) option.byteSize());
            if (failed != 0) {
                close(fd);
                throw new BindException("cannot set UDP socket options for " + address + ": errno " + errno(state));
            }
            MemorySegment sockaddr = setup.allocate(SOCKADDR_IN);
            sockaddr.set(JAVA_SHORT, SIN_FAMILY, (short) AF_INET);
            sockaddr.set(PORT, SIN_PORT, (short) address.getPort());
            sockaddr.set(IPV4, SIN_ADDR, ipv4(address));
            int bound = (int) BIND.invokeExact(state, fd, sockaddr, (int) SOCKADDR_IN.byteSize());
            if (bound != 0) {
                int errno = errno(state);
                close(fd);
                String why = errno == EADDRINUSE ? "address already in use"
                        : errno == EADDRNOTAVAIL ? "address not available on this host" : "errno " + errno;
                throw new BindException("cannot bind UDP " + BindFailure.format(address) + ": " + why);
            }
            return fd;
        } catch (BindException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("calling libc", t);
        }
    }

    private static int ipv4(InetSocketAddress address) {
        byte[] b = address.getAddress().getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    /** Receives up to {@code count} datagrams, blocking for the first; -1 with errno in {@code state}. */
    static int recvmmsg(MemorySegment state, int fd, MemorySegment headers, int count, int flags) throws Throwable {
        return (int) RECVMMSG.invokeExact(state, fd, headers, count, flags, MemorySegment.NULL);
    }

    /** Sends {@code count} datagrams without blocking; -1 with EAGAIN when the socket buffer is full. */
    static int sendmmsgNow(MemorySegment state, int fd, MemorySegment headers, int count) throws Throwable {
        return (int) SENDMMSG_NOW.invokeExact(state, fd, headers, count, MSG_DONTWAIT);
    }

    /** Sends {@code count} datagrams, waiting for room in the socket buffer. */
    static int sendmmsg(MemorySegment state, int fd, MemorySegment headers, int count) throws Throwable {
        return (int) SENDMMSG.invokeExact(state, fd, headers, count, 0);
    }

    /**
     * Calls recvmmsg and both sendmmsg once each on no socket (fd -1: EBADF at once), so that the
     * JVM links these call sites (it spins their method-handle adapters at the first call, some
     * tens of milliseconds) here, rather than in a loop thread's first query.
     */
    static void linkHotCalls() throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(CALL_STATE);
            MemorySegment header = a.allocate(MMSGHDR);
            recvmmsg(state, -1, header, 1, MSG_WAITFORONE);
            sendmmsgNow(state, -1, header, 1);
            sendmmsg(state, -1, header, 1);
        }
    }

    /** {@code shutdown(SHUT_RD)}: ENOTCONN for UDP, but it wakes a thread blocked in recvmmsg on this socket. */
    static void shutdownReads(int fd) {
        try (Arena a = Arena.ofConfined()) {
            int ignored = (int) SHUTDOWN.invokeExact(a.allocate(CALL_STATE), fd, SHUT_RD);
        } catch (Throwable t) {
            throw new IllegalStateException("calling shutdown", t);
        }
    }

    static void close(int fd) {
        try (Arena a = Arena.ofConfined()) {
            int ignored = (int) CLOSE.invokeExact(a.allocate(CALL_STATE), fd);
        } catch (Throwable t) {
            throw new IllegalStateException("calling close", t);
        }
    }
}
