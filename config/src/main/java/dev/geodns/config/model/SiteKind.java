package dev.geodns.config.model;

/**
 * What a site is: a datacenter holding tenant data ("active" side), a front door edge ("nearest"
 * side), or an anycast address block announced from every front door of its cloud (its place is
 * nominal: the network path, not DNS, decides which edge a client reaches).
 */
public enum SiteKind {
    DATACENTER("datacenter"),
    FRONT_DOOR("front-door"),
    ANYCAST("anycast");

    private final String yamlName;

    SiteKind(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The spelling used in world files. */
    public String yamlName() {
        return yamlName;
    }
}
