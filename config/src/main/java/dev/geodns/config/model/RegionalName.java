package dev.geodns.config.model;

/**
 * The per-site name that ends a service's chain, e.g. {@code {site}-efz.ms-acdc.office.com}, and the
 * TTL of its A/AAAA records. Each candidate site's regional name resolves statically to that site.
 */
public record RegionalName(String pattern, long ttl) {
}
