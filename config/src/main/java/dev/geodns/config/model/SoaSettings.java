package dev.geodns.config.model;

import org.xbill.DNS.Name;

/** SOA values for the world's generated zones (zone files bring their own SOA). */
public record SoaSettings(Name rname, long serial, long refresh, long retry, long expire, long minimum, long ttl) {
    public static final SoaSettings DEFAULT = new SoaSettings(
            Name.fromConstantString("hostmaster.geodns.example."), 1, 3600, 600, 604800, 60, 3600);
}
