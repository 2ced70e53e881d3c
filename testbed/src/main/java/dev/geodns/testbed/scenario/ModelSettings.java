package dev.geodns.testbed.scenario;

import java.util.List;

/**
 * The constants of the latency model, stated in every report.
 *
 * @param fibreKmPerMs one-way propagation speed in fibre (about 2/3 of c: 200 km per ms)
 * @param stretch route-stretch factor on the public internet: real paths are longer than the great circle
 * @param backboneStretch route-stretch factor on the provider's backbone (front door -> mailbox)
 * @param backboneServices services whose front door proxies to the tenant's mailbox datacenter
 */
public record ModelSettings(double fibreKmPerMs, double stretch, double backboneStretch, List<String> backboneServices) {
    public static final double DEFAULT_FIBRE_KM_PER_MS = 200;
    public static final double DEFAULT_STRETCH = 1.5;
    public static final double DEFAULT_BACKBONE_STRETCH = 1.2;

    public ModelSettings {
        backboneServices = List.copyOf(backboneServices);
        if (!(fibreKmPerMs > 0) || !(stretch >= 1) || !(backboneStretch >= 1)) {
            throw new IllegalArgumentException("fibre speed must be > 0 and stretch factors >= 1");
        }
    }

    public ModelSettings withStretch(double newStretch) {
        return new ModelSettings(fibreKmPerMs, newStretch, backboneStretch, backboneServices);
    }
}
