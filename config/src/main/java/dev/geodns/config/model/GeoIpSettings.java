package dev.geodns.config.model;

import java.nio.file.Path;
import java.util.List;

/**
 * Optional MaxMind GeoIP2/GeoLite2 City or Country databases, consulted in order after the lab
 * networks.
 *
 * @param cacheSize how many looked-up networks the locator keeps
 */
public record GeoIpSettings(List<Path> databases, int cacheSize) {
    public static final GeoIpSettings NONE = new GeoIpSettings(List.of(), 4096);

    public GeoIpSettings {
        databases = List.copyOf(databases);
    }
}
