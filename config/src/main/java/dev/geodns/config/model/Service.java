package dev.geodns.config.model;

import java.util.List;

/**
 * A named workload (Exchange, portal, SharePoint ...) with its names, routing and chain.
 *
 * @param names entry names; literal or holding {@code {tenant}}
 * @param chain CNAME steps from the entry names down to the geo step (the last step, whose target
 *     holds {@code {site}}); static steps before it
 * @param regional the per-site name the geo step points to
 * @param siteKind which sites are candidates (front doors for nearest, datacenters for active)
 * @param fixedSite the one site for {@link RoutingKind#FIXED}; null otherwise
 * @param honoursEcs whether an EDNS Client Subnet replaces the packet's source for locating
 */
public record Service(
        String id,
        String cloud,
        RoutingKind routing,
        SiteKind siteKind,
        boolean honoursEcs,
        String fixedSite,
        List<String> names,
        List<ChainStep> chain,
        RegionalName regional,
        Basis basis) {
    public Service {
        names = List.copyOf(names);
        chain = List.copyOf(chain);
    }

    /** True when the service's names are per tenant ({@code {tenant}} patterns). */
    public boolean perTenant() {
        return names.stream().anyMatch(n -> n.contains(ChainStep.TENANT));
    }
}
