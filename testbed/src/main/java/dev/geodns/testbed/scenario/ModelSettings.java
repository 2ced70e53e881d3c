package dev.geodns.testbed.scenario;

import dev.geodns.config.latency.LatencySettings;
import java.util.List;

/**
 * The latency-model constants a scenario states ({@code model:}), handed to the world's
 * {@link dev.geodns.config.latency.LatencyModel}.
 *
 * @param fibreKmPerMs one-way propagation speed in fibre (about 2/3 of c: 200 km per ms)
 * @param stretch route-stretch factor on the public internet: real paths are longer than the great circle
 * @param backboneStretch route-stretch factor on the provider's backbone (front door -> mailbox)
 * @param backboneServices services whose front door proxies to the tenant's mailbox datacenter
 */
public record ModelSettings(double fibreKmPerMs, double stretch, double backboneStretch, List<String> backboneServices) {
    public static final double DEFAULT_FIBRE_KM_PER_MS = LatencySettings.DEFAULT_FIBRE_KM_PER_MS;
    public static final double DEFAULT_STRETCH = LatencySettings.DEFAULT_STRETCH;
    public static final double DEFAULT_BACKBONE_STRETCH = LatencySettings.DEFAULT_BACKBONE_STRETCH;

    public ModelSettings {
        backboneServices = List.copyOf(backboneServices);
        latency(fibreKmPerMs, stretch, backboneStretch, backboneServices); // the world's model checks the bounds
    }

    /** These settings as the world's latency model takes them. */
    public LatencySettings latency() {
        return latency(fibreKmPerMs, stretch, backboneStretch, backboneServices);
    }

    private static LatencySettings latency(double fibre, double stretch, double backbone, List<String> services) {
        return new LatencySettings(fibre, stretch, backbone, services);
    }

    public ModelSettings withStretch(double newStretch) {
        return new ModelSettings(fibreKmPerMs, newStretch, backboneStretch, backboneServices);
    }
}
