package dev.geodns.config.compiled;

import dev.geodns.config.model.Service;
import dev.geodns.config.model.Tenant;

/**
 * Whose entry name a DNS name is: the service and, for per-tenant names, the tenant.
 *
 * @param tenant null for a name that is not per tenant
 */
public record EntryName(Service service, Tenant tenant) {
}
