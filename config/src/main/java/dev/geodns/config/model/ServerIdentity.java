package dev.geodns.config.model;

import java.util.List;

/**
 * Who the server says it is: NSID / {@code id.server}, {@code version.server}, the NS names put at
 * every generated apex (the first is the SOA MNAME) and their glue.
 */
public record ServerIdentity(String id, String version, List<NameServerSpec> nameservers, long nsTtl, SoaSettings soa) {
    public ServerIdentity {
        nameservers = List.copyOf(nameservers);
    }
}
