package dev.geodns.config.model;

/**
 * One CNAME of a service's chain: {@code owner CNAME target} with its TTL. Patterns may hold
 * {@code {tenant}}; the target of the service's geo step holds {@code {site}} (the site's code).
 */
public record ChainStep(String owner, String target, long ttl) {
    public static final String TENANT = "{tenant}";
    public static final String SITE = "{site}";

    /** True for the step where the answer starts to depend on the chosen site. */
    public boolean isGeoStep() {
        return target.contains(SITE);
    }
}
