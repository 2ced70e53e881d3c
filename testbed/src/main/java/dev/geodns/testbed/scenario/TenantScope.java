package dev.geodns.testbed.scenario;

import dev.geodns.config.yaml.Fields;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tenants a scenario may name: those of its {@code tenants} list, or every tenant of the world
 * when the list is absent.
 *
 * @param declared the {@code tenants} list, or null when absent
 */
record TenantScope(ScenarioWorld world, List<String> declared) {

    /** Checks a tenant reference at {@code key}; returns it when valid, else null after reporting. */
    String ref(Fields f, String key, String id) {
        if (!world.loaded()) {
            return id;
        }
        if (world.world().tenant(id).isEmpty()) {
            f.error(key, "unknown tenant '" + id + "' (the world has: " + world.tenantIds() + ")");
            return null;
        }
        if (declared != null && !declared.contains(id)) {
            f.error(key, "tenant '" + id + "' is not in the scenario's tenants list " + declared);
            return null;
        }
        return id;
    }

    /** The scenario's tenants: the declared ones, else those its clients and lookups use, in file order. */
    List<String> inPlay(List<ClientSpec> clients) {
        if (declared != null) {
            return declared;
        }
        Set<String> out = new LinkedHashSet<>();
        for (ClientSpec c : clients) {
            if (c.tenant() != null) {
                out.add(c.tenant());
            }
            for (Lookup l : c.lookups()) {
                if (l.tenant() != null) {
                    out.add(l.tenant());
                }
            }
        }
        return List.copyOf(out);
    }
}
