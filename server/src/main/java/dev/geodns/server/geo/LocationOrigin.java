package dev.geodns.server.geo;

/** Where a {@link Location} came from, in the order the locator consults its sources. */
public enum LocationOrigin {
    /** The world's lab address plan ({@code networks}); consulted first so a lab works with no database. */
    LAB_NETWORK,
    /** A MaxMind GeoIP2/GeoLite2 City or Country database. */
    GEOIP,
    /** Neither knew the address; the cloud's default site stands in for the asker. */
    UNKNOWN
}
