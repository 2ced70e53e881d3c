package dev.geodns.config.model;

/** How a service picks the site that answers (docs/architecture.md, the query path). */
public enum RoutingKind {
    /** Smallest great-circle distance from the located asker among live sites of the cloud and kind. */
    NEAREST("nearest"),
    /** The tenant's home datacenter, else its failover datacenters in order. */
    ACTIVE("active"),
    /** Always one configured site. */
    FIXED("fixed");

    private final String yamlName;

    RoutingKind(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}
