package dev.geodns.config.model;

/** How a service picks the site that answers (docs/architecture.md, the query path). */
public enum RoutingKind {
    /** Smallest great-circle distance from the located asker among live sites of the cloud and kind. */
    NEAREST("nearest"),
    /** The tenant's home datacenter, else its failover datacenters in order. */
    ACTIVE("active"),
    /** Always one configured site. */
    FIXED("fixed"),
    /**
     * One anycast site's addresses for everyone; the client reaches the front door of the cloud
     * nearest to where its packets enter the provider's network.
     */
    ANYCAST("anycast");

    private final String yamlName;

    RoutingKind(String yamlName) {
        this.yamlName = yamlName;
    }

    /** True for the kinds that always answer with the service's {@code fixed_site}. */
    public boolean answersOneSite() {
        return this == FIXED || this == ANYCAST;
    }

    public String yamlName() {
        return yamlName;
    }
}
