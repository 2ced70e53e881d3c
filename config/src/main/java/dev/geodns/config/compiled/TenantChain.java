package dev.geodns.config.compiled;

import dev.geodns.config.model.Tenant;
import java.util.List;

/**
 * A service's chain as one tenant's names spell it.
 *
 * @param tenant null for a service whose names are not per tenant
 */
public record TenantChain(Tenant tenant, List<ChainLink> links) {
    public TenantChain {
        links = List.copyOf(links);
    }
}
