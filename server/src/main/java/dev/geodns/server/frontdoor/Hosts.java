package dev.geodns.server.frontdoor;

import java.net.InetSocketAddress;

/** Socket addresses as text: {@code 127.64.0.1:443}, {@code [::1]:443}. */
final class Hosts {
    private Hosts() {
    }

    static String format(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
