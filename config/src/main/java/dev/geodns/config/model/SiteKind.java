package dev.geodns.config.model;

/** What a site is: a datacenter holding tenant data ("active" side) or a front door edge ("nearest" side). */
public enum SiteKind {
    DATACENTER("datacenter"),
    FRONT_DOOR("front-door");

    private final String yamlName;

    SiteKind(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The spelling used in world files. */
    public String yamlName() {
        return yamlName;
    }
}
