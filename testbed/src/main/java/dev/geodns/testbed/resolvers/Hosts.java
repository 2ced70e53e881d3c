package dev.geodns.testbed.resolvers;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Address spelling for the config files: plain text, never a reverse lookup. */
final class Hosts {
    private Hosts() {
    }

    /** {@code 127.0.2.53} or {@code ::1} (no scope, no brackets). */
    static String text(InetAddress a) {
        String s = a.getHostAddress();
        int pct = s.indexOf('%');
        return pct < 0 ? s : s.substring(0, pct);
    }

    static boolean isV6(InetAddress a) {
        return a instanceof Inet6Address;
    }
}
