package dev.geodns.config.model;

import java.util.List;

/**
 * Who the server says it is: NSID / {@code id.server}, {@code version.server}, the NS names put at
 * every generated apex (the first is the SOA MNAME) and their glue, and the name that tells an asker
 * what the server saw of it.
 *
 * @param whoami the whoami name (TXT; in a generated zone of its own, its parent), or null for none
 */
public record ServerIdentity(String id, String version, List<NameServerSpec> nameservers, long nsTtl, SoaSettings soa,
        String whoami) {
    /** The whoami name when a world gives none. */
    public static final String DEFAULT_WHOAMI = "whoami.geodns.test";

    public ServerIdentity {
        nameservers = List.copyOf(nameservers);
    }

    /** An identity with the default whoami name. */
    public ServerIdentity(String id, String version, List<NameServerSpec> nameservers, long nsTtl, SoaSettings soa) {
        this(id, version, nameservers, nsTtl, soa, DEFAULT_WHOAMI);
    }
}
