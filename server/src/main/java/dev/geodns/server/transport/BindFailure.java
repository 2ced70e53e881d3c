package dev.geodns.server.transport;

import java.net.BindException;
import java.net.InetSocketAddress;

/** The one-line error of a listener that could not bind: what, where, and the system's reason in words. */
public final class BindFailure {
    private BindFailure() {
    }

    /** A {@link BindException} saying "cannot bind WHAT ADDR:PORT: REASON", with {@code cause} kept. */
    public static BindException of(String what, InetSocketAddress address, Throwable cause) {
        BindException b = new BindException("cannot bind " + what + " " + format(address) + ": " + reason(cause));
        b.initCause(cause);
        return b;
    }

    /** {@code 127.0.0.1:53} or {@code [::1]:53}, without the resolver-style leading slash. */
    public static String format(InetSocketAddress a) {
        String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** The innermost cause's message; the common errno texts as a user would say them. */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        if (message.contains("Address already in use")) {
            return "address already in use";
        }
        if (message.contains("Cannot assign requested address")) {
            return "address not available on this host";
        }
        if (message.contains("Permission denied")) {
            return "permission denied (a port below 1024 needs root or CAP_NET_BIND_SERVICE)";
        }
        return message;
    }
}
