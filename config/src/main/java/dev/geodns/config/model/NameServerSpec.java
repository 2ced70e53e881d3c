package dev.geodns.config.model;

import java.net.InetAddress;
import java.util.List;
import org.xbill.DNS.Name;

/** One of the server's own name-server names and its glue addresses. */
public record NameServerSpec(Name name, List<InetAddress> addresses) {
    public NameServerSpec {
        addresses = List.copyOf(addresses);
    }
}
