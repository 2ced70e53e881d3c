package dev.geodns.server.cli;

import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;

/**
 * The DNS listeners {@code serve} uses without {@code --dns}: 127.0.0.1:8053 and [::1]:8053, or
 * IPv4 only (with a warning) on a host without an IPv6 loopback. Asking the host first keeps a
 * port that is in use an error, never a fallback.
 */
final class DefaultListeners {
    static final InetSocketAddress IPV4 = HostPort.parse("127.0.0.1:8053");
    static final InetSocketAddress IPV6 = HostPort.parse("[::1]:8053");

    private DefaultListeners() {
    }

    static List<InetSocketAddress> addresses(PrintStream warnings) {
        if (ipv6LoopbackUsable()) {
            return List.of(IPV4, IPV6);
        }
        warnings.println("warning: this host has no IPv6 loopback (::1); serving on " + HostPort.format(IPV4) + " only");
        return List.of(IPV4);
    }

    /** True when a socket can be bound on ::1 (any free port). */
    static boolean ipv6LoopbackUsable() {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(IPV6.getAddress(), 0))) {
            return true;
        } catch (SocketException e) {
            return false;
        }
    }
}
