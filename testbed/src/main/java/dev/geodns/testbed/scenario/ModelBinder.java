package dev.geodns.testbed.scenario;

import dev.geodns.config.latency.LatencySettings;
import dev.geodns.config.yaml.Fields;
import java.util.List;

/** Binds the {@code model} section: the latency model's constants, each with its default. */
final class ModelBinder {
    private ModelBinder() {
    }

    /** The model settings of {@code m} (null: all defaults). */
    static LatencySettings bind(Fields m, ScenarioWorld world) {
        double fibre = LatencySettings.DEFAULT_FIBRE_KM_PER_MS;
        double stretch = LatencySettings.DEFAULT_STRETCH;
        double backbone = LatencySettings.DEFAULT_BACKBONE_STRETCH;
        List<String> services = null;
        if (m != null) {
            m.allow("stretch", "backbone_stretch", "fibre_km_per_ms", "backbone_services");
            fibre = atLeast(m, "fibre_km_per_ms", fibre, 1, "must be a positive speed in km per ms");
            stretch = atLeast(m, "stretch", stretch, 1,
                    "must be at least 1 (a path is never shorter than the great circle)");
            backbone = atLeast(m, "backbone_stretch", backbone, 1, "must be at least 1");
            if (m.has("backbone_services")) {
                services = m.stringsOrNull("backbone_services", false);
                if (services != null && world.loaded()) {
                    for (String s : services) {
                        if (world.world().service(s).isEmpty()) {
                            m.error("backbone_services", "unknown service '" + s + "' (services: "
                                    + world.serviceIds() + ")");
                        }
                    }
                }
            }
        }
        if (services == null) {
            services = LatencySettings.defaultBackboneServices(world.loaded() ? world.world() : null);
        }
        return new LatencySettings(fibre, stretch, backbone, services);
    }

    private static double atLeast(Fields m, String key, double dflt, double min, String reason) {
        Double v = m.optNumber(key, null);
        if (v == null) {
            return dflt;
        }
        if (v < min) {
            m.error(key, reason);
            return dflt;
        }
        return v;
    }
}
