package dev.geodns.config.compiled;

import dev.geodns.config.model.Service;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One service of a {@link CompiledWorld}: its candidate sites (the cloud fence and site kind
 * applied), the tenants its names exist for, each tenant's preference list for {@code active}
 * routing, the cloud's default site, and its names with every placeholder filled. Immutable.
 */
public final class CompiledService {
    private final Service service;
    private final List<Site> allSites;
    private final int[] candidates;
    private final Map<String, Tenant> cloudTenants;
    private final List<Tenant> tenants;
    private final Map<String, int[]> preferences;
    private final int defaultSite;
    private final List<TenantChain> chains;
    private final List<RegionalAnswer> regionals;

    /** Built by the world compiler ({@code dev.geodns.config.WorldCompiler}). */
    public CompiledService(Service service, List<Site> allSites, int[] candidates, Map<String, Tenant> cloudTenants,
            Map<String, int[]> preferences, int defaultSite, List<TenantChain> chains, List<RegionalAnswer> regionals) {
        this.service = service;
        this.allSites = allSites;
        this.candidates = candidates;
        this.cloudTenants = cloudTenants;
        this.tenants = service.perTenant() ? List.copyOf(cloudTenants.values()) : List.of();
        this.preferences = Map.copyOf(preferences);
        this.defaultSite = defaultSite;
        this.chains = List.copyOf(chains);
        this.regionals = List.copyOf(regionals);
    }

    public Service service() {
        return service;
    }

    /**
     * The site indexes the service can answer with, in file order: for {@code nearest} and
     * {@code active} every site of its cloud and kind, for {@code fixed} its one site. A copy.
     */
    public int[] candidates() {
        return candidates.clone();
    }

    /** The candidate sites, in file order. */
    public List<Site> candidateSites() {
        List<Site> out = new ArrayList<>(candidates.length);
        for (int i : candidates) {
            out.add(allSites.get(i));
        }
        return out;
    }

    /** The tenants the service's names exist for: those of its cloud when its names hold {@code {tenant}}, else none. */
    public List<Tenant> tenants() {
        return tenants;
    }

    /** Whether the service has names for {@code tenant} (null for names that are not per tenant). */
    public boolean serves(Tenant tenant) {
        if (!service.perTenant()) {
            return true;
        }
        return tenant != null && cloudTenants.get(tenant.id()) == tenant;
    }

    /** The tenant with this id when it belongs to the service's cloud, else null. */
    public Tenant cloudTenant(String tenantId) {
        return tenantId == null ? null : cloudTenants.get(tenantId);
    }

    /**
     * For {@code active} routing: per tenant id, its site indexes, home first, then its failovers in
     * order, each a candidate of the service. Empty for other routing kinds. The arrays are shared:
     * never modify them.
     */
    public Map<String, int[]> preferences() {
        return preferences;
    }

    /** The index of the cloud's default site (whose place stands in for an asker that cannot be located), or -1. */
    public int defaultSite() {
        return defaultSite;
    }

    /** The chain per tenant (one chain with a null tenant when the names are not per tenant). */
    public List<TenantChain> chains() {
        return chains;
    }

    /** The regional names, one per candidate site (per tenant too when the pattern holds {@code {tenant}}). */
    public List<RegionalAnswer> regionals() {
        return regionals;
    }
}
