package dev.geodns.testbed.lab;

/** What a namespace of the lab stands for. */
public enum LabRole {
    /** Joins every other namespace with one veth pair each and forwards between them. */
    ROUTER,
    /** The emulator: Microsoft's DNS. */
    EMULATOR,
    /** Every site's front doors, on the world's own answer addresses. */
    SITES,
    /** A recursive resolver of the scenario. */
    RESOLVER,
    /** The corporate office a VPN lands in: a full tunnel's traffic leaves from here. */
    OFFICE,
    /** A client computer of the scenario. */
    CLIENT;

    /** The short word used in namespace names. */
    public String word() {
        return switch (this) {
            case ROUTER -> "router";
            case EMULATOR -> "dns";
            case SITES -> "sites";
            case RESOLVER -> "res";
            case OFFICE -> "office";
            case CLIENT -> "client";
        };
    }
}
