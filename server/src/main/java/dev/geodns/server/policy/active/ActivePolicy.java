package dev.geodns.server.policy.active;

import dev.geodns.config.model.Place;
import dev.geodns.config.model.Tenant;
import dev.geodns.server.policy.DrainView;
import dev.geodns.server.policy.RoutingPolicy;
import dev.geodns.server.policy.SiteChoice;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code active}: the tenant's home datacenter wherever the asker is; its failover datacenters in
 * order when the home is drained. The place is ignored, so the answer never depends on location.
 * Immutable and thread-safe.
 */
public final class ActivePolicy implements RoutingPolicy {
    /** Per tenant id, its sites ranked (home first, then failovers in order). */
    private final Map<String, SiteChoice> preferenceByTenant;

    /** @param preferenceByTenant per tenant id, its site indexes: home first, then failovers in order */
    public ActivePolicy(Map<String, int[]> preferenceByTenant) {
        Map<String, SiteChoice> copy = new HashMap<>();
        preferenceByTenant.forEach((tenant, sites) -> {
            if (sites.length == 0) {
                throw new IllegalArgumentException("tenant '" + tenant + "' has no datacenter");
            }
            copy.put(tenant, SiteChoice.ranked(sites.clone(), false));
        });
        this.preferenceByTenant = Map.copyOf(copy);
    }

    /** True when this policy can answer for the tenant (it belongs to the service's cloud). */
    public boolean serves(Tenant tenant) {
        return tenant != null && preferenceByTenant.containsKey(tenant.id());
    }

    /** The tenant ids this policy serves. */
    public Set<String> tenants() {
        return preferenceByTenant.keySet();
    }

    @Override
    public SiteChoice choose(Place from, Tenant tenant, DrainView drain) {
        if (tenant == null) {
            throw new IllegalArgumentException("active routing needs a tenant");
        }
        SiteChoice preference = preferenceByTenant.get(tenant.id());
        if (preference == null) {
            throw new IllegalArgumentException("tenant '" + tenant.id() + "' is not served here");
        }
        return preference.firstLive(drain);
    }
}
