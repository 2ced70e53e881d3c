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
 * @param category the endpoint category its names are published with (endpoint list, PAC, split tunnels)
 * @param serviceArea the endpoint web service's {@code serviceArea} (Exchange, SharePoint, Skype, Common)
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
        Basis basis,
        EndpointCategory category,
        String serviceArea) {
    /** The service area when a world gives none. */
    public static final String DEFAULT_SERVICE_AREA = "Common";

    public Service {
        names = List.copyOf(names);
        chain = List.copyOf(chain);
        category = category == null ? EndpointCategory.DEFAULT : category;
        serviceArea = serviceArea == null ? DEFAULT_SERVICE_AREA : serviceArea;
    }

    /** A service with the default endpoint category and service area. */
    public Service(String id, String cloud, RoutingKind routing, SiteKind siteKind, boolean honoursEcs,
            String fixedSite, List<String> names, List<ChainStep> chain, RegionalName regional, Basis basis) {
        this(id, cloud, routing, siteKind, honoursEcs, fixedSite, names, chain, regional, basis, null, null);
    }

    /** This service with ECS honoured or not (the server's ECS-everywhere switch). */
    public Service withEcs(boolean honours) {
        return new Service(id, cloud, routing, siteKind, honours, fixedSite, names, chain, regional, basis, category,
                serviceArea);
    }

    /** True when the service's names are per tenant ({@code {tenant}} patterns). */
    public boolean perTenant() {
        return names.stream().anyMatch(n -> n.contains(ChainStep.TENANT));
    }

    /**
     * Every name pattern the service answers or leads through, in order: its entry names, each
     * chain step's owner and target, its regional name.
     */
    public List<String> allNamePatterns() {
        List<String> out = new java.util.ArrayList<>(names);
        for (ChainStep step : chain) {
            out.add(step.owner());
            out.add(step.target());
        }
        out.add(regional.pattern());
        return out;
    }
}
