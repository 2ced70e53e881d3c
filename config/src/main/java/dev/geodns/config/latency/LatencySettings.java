package dev.geodns.config.latency;

import dev.geodns.config.model.Service;
import dev.geodns.config.model.World;
import java.util.List;

/**
 * The constants of the latency model, stated once here and printed in every report and by every
 * front door that applies them.
 *
 * @param fibreKmPerMs one-way propagation speed in fibre (about 2/3 of c: 200 km per ms)
 * @param stretch route-stretch factor on the public internet: real paths are longer than the great circle
 * @param backboneStretch route-stretch factor on the provider's backbone (front door -> mailbox)
 * @param backboneServices services whose front door proxies to the tenant's mailbox datacenter
 */
public record LatencySettings(double fibreKmPerMs, double stretch, double backboneStretch, List<String> backboneServices) {
    public static final double DEFAULT_FIBRE_KM_PER_MS = 200;
    public static final double DEFAULT_STRETCH = 1.5;
    public static final double DEFAULT_BACKBONE_STRETCH = 1.2;

    public LatencySettings {
        backboneServices = List.copyOf(backboneServices);
        if (!(fibreKmPerMs > 0) || !(stretch >= 1) || !(backboneStretch >= 1)) {
            throw new IllegalArgumentException("fibre speed must be > 0 and stretch factors >= 1");
        }
    }

    /** The default constants, with the world's Exchange-like services on the backbone. */
    public static LatencySettings defaults(World world) {
        return new LatencySettings(DEFAULT_FIBRE_KM_PER_MS, DEFAULT_STRETCH, DEFAULT_BACKBONE_STRETCH,
                defaultBackboneServices(world));
    }

    /**
     * Services whose front door proxies to the tenant's mailbox when nothing says otherwise: Exchange
     * ({@code exchange} and {@code exchange-*}), as Exchange Online's front ends do.
     */
    public static List<String> defaultBackboneServices(World world) {
        return world == null ? List.of() : world.services().stream().map(Service::id)
                .filter(id -> id.equals("exchange") || id.startsWith("exchange-")).toList();
    }

    public LatencySettings withStretch(double newStretch) {
        return new LatencySettings(fibreKmPerMs, newStretch, backboneStretch, backboneServices);
    }
}
