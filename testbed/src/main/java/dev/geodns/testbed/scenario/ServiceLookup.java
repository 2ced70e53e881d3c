package dev.geodns.testbed.scenario;

import dev.geodns.config.model.ChainStep;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.Tenant;
import dev.geodns.config.model.World;
import java.util.Locale;

/**
 * Which world service a DNS name belongs to, the names a service answers for a tenant, and whether
 * a tenant may reach a service across the cloud fences. The only place the testbed reads the
 * world's name patterns and clouds; names are absolute and lower-case ({@code portal.office.com.}).
 */
final class ServiceLookup {
    private final World world;

    ServiceLookup(World world) {
        this.world = world;
    }

    /**
     * The service a name belongs to.
     *
     * @param tenant the tenant whose label fills the service's {@code {tenant}} name, or null when a
     *     literal name of the service matched
     */
    record Owner(Service service, String tenant) {
    }

    /** The service owning {@code name} (absolute, lower-case), or null when no service does. */
    Owner ownerOf(String name) {
        for (Service s : world.services()) {
            for (String pattern : s.names()) {
                String tenant = match(pattern, name);
                if (tenant != null) {
                    return new Owner(s, tenant.isEmpty() ? null : tenant);
                }
            }
        }
        return null;
    }

    /**
     * Matches {@code name} against a service name pattern: null when it does not match, "" for a
     * literal match, else the {@code {tenant}} label (which must name a tenant of the world).
     */
    private String match(String pattern, String name) {
        String p = absolute(pattern);
        int at = p.indexOf(ChainStep.TENANT);
        if (at < 0) {
            return p.equals(name) ? "" : null;
        }
        String prefix = p.substring(0, at);
        String suffix = p.substring(at + ChainStep.TENANT.length());
        if (name.length() <= prefix.length() + suffix.length() || !name.startsWith(prefix) || !name.endsWith(suffix)) {
            return null;
        }
        String label = name.substring(prefix.length(), name.length() - suffix.length());
        return label.contains(".") || world.tenant(label).isEmpty() ? null : label;
    }

    /** {@code tenant} when it is a tenant in {@code service}'s cloud, else null (also for a null tenant). */
    String sameCloud(String tenant, Service service) {
        Tenant t = tenant == null ? null : world.tenant(tenant).orElse(null);
        return t != null && t.cloud().equals(service.cloud()) ? tenant : null;
    }

    /**
     * Why {@code tenant} cannot reach {@code service} (they are in different clouds), or null when
     * it can or when there is no such tenant.
     */
    String fenceProblem(String tenant, Service service) {
        Tenant t = world.tenant(tenant).orElse(null);
        if (t == null || t.cloud().equals(service.cloud())) {
            return null;
        }
        return "tenant " + tenant + " is in cloud " + t.cloud() + ", service " + service.id() + " in cloud "
                + service.cloud();
    }

    /** The name {@code service} answers for {@code tenant}: its first name holding {@code {tenant}}, filled in. */
    String tenantName(Service service, String tenant) {
        String pattern = service.names().stream().filter(n -> n.contains(ChainStep.TENANT)).findFirst().orElseThrow();
        return absolute(pattern.replace(ChainStep.TENANT, tenant));
    }

    /** The first name of {@code service} without {@code {tenant}}, or null when every name holds it. */
    String literalName(Service service) {
        return service.names().stream().filter(n -> !n.contains(ChainStep.TENANT)).findFirst()
                .map(ServiceLookup::absolute).orElse(null);
    }

    private static String absolute(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n : n + ".";
    }
}
