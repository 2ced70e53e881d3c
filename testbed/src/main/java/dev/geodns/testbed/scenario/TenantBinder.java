package dev.geodns.testbed.scenario;

import dev.geodns.config.yaml.Fields;
import java.util.ArrayList;
import java.util.List;

/** Binds the {@code tenants} section: the world's tenants the scenario puts in play. */
final class TenantBinder {
    private TenantBinder() {
    }

    static TenantScope bind(Fields root, ScenarioWorld world) {
        List<String> ids = root.has("tenants") ? root.stringsOrNull("tenants", false) : null;
        if (ids == null) {
            return new TenantScope(world, null);
        }
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            if (world.loaded() && world.world().tenant(id).isEmpty()) {
                root.error("tenants", "unknown tenant '" + id + "' (the world has: " + world.tenantIds() + ")");
            } else if (out.contains(id)) {
                root.error("tenants", "tenant '" + id + "' listed twice");
            } else {
                out.add(id);
            }
        }
        return new TenantScope(world, out);
    }
}
