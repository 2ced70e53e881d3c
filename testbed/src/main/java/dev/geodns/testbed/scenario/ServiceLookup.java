package dev.geodns.testbed.scenario;

import dev.geodns.config.compiled.CompiledWorld;
import dev.geodns.config.compiled.EntryName;
import dev.geodns.config.compiled.NamePatterns;
import dev.geodns.config.model.ChainStep;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.Tenant;

/**
 * Which world service a DNS name belongs to, the names a service answers for a tenant, and whether
 * a tenant may reach a service across the cloud fences, as the compiled world says. The only place
 * the testbed asks about names and clouds; names are absolute and lower-case ({@code portal.office.com.}).
 */
final class ServiceLookup {
    private final CompiledWorld compiled;

    ServiceLookup(CompiledWorld compiled) {
        this.compiled = compiled;
    }

    /**
     * The service a name belongs to.
     *
     * @param tenant the tenant whose label fills the service's {@code {tenant}} name, or null when a
     *     literal name of the service matched
     */
    record Owner(Service service, String tenant) {
    }

    /** The service owning {@code name} (absolute, lower-case), or null when no service answers it. */
    Owner ownerOf(String name) {
        EntryName entry = compiled.entry(name);
        return entry == null ? null : new Owner(entry.service(), entry.tenant() == null ? null : entry.tenant().id());
    }

    /** {@code tenant} when it is a tenant in {@code service}'s cloud, else null (also for a null tenant). */
    String sameCloud(String tenant, Service service) {
        return tenant == null || compiled.service(service).cloudTenant(tenant) == null ? null : tenant;
    }

    /**
     * Why {@code tenant} cannot reach {@code service} (they are in different clouds), or null when
     * it can or when there is no such tenant.
     */
    String fenceProblem(String tenant, Service service) {
        Tenant t = compiled.world().tenant(tenant).orElse(null);
        if (t == null || sameCloud(tenant, service) != null) {
            return null;
        }
        return "tenant " + tenant + " is in cloud " + t.cloud() + ", service " + service.id() + " in cloud "
                + service.cloud();
    }

    /** The name {@code service} answers for {@code tenant}: its first name holding {@code {tenant}}, filled in. */
    String tenantName(Service service, String tenant) {
        String pattern = service.names().stream().filter(n -> n.contains(ChainStep.TENANT)).findFirst().orElseThrow();
        return absolute(NamePatterns.expand(pattern, tenant, null));
    }

    /** The first name of {@code service} without {@code {tenant}}, or null when every name holds it. */
    String literalName(Service service) {
        return service.names().stream().filter(n -> !n.contains(ChainStep.TENANT)).findFirst()
                .map(ServiceLookup::absolute).orElse(null);
    }

    private static String absolute(String name) {
        return NamePatterns.key(name) + ".";
    }
}
