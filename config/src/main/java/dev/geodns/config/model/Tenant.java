package dev.geodns.config.model;

import java.util.List;

/**
 * A customer of the emulated service.
 *
 * @param home the datacenter that "active" services answer with
 * @param failover datacenters used in order when the home is drained
 * @param mailbox the datacenter holding the tenant's mailboxes (Exchange proxies there); may be null
 * @param extraGeos Multi-Geo satellite datacenters (kept for reports; not routed)
 */
public record Tenant(
        String id,
        String cloud,
        String home,
        List<String> failover,
        String mailbox,
        List<String> extraGeos,
        Basis basis) {
    public Tenant {
        failover = List.copyOf(failover);
        extraGeos = List.copyOf(extraGeos);
    }
}
