package dev.geodns.config.compiled;

import org.xbill.DNS.Name;

/**
 * One CNAME of a service's chain with its placeholders filled for one tenant: either a static
 * {@code owner CNAME target}, or the geo step, whose target depends on the site routing picks.
 *
 * @param target the static target; null for the geo step
 * @param geoTargets for the geo step, the target per site index (null for sites that are not
 *     candidates of the service); null for a static step. Shared between tenants when the target
 *     holds no {@code {tenant}}: never modify.
 */
public record ChainLink(Name owner, long ttl, Name target, Name[] geoTargets) {
    /** True for the step whose target depends on the chosen site. */
    public boolean isGeo() {
        return geoTargets != null;
    }
}
