package dev.geodns.testbed.scenario;

import dev.geodns.config.model.Place;

/**
 * Where a client, resolver or corporate office stands: a label and coordinates (decimal degrees).
 *
 * @param continent the continent code when known (lab-plan cities), else null
 */
public record Where(String label, double latitude, double longitude, String continent) {
    public Where {
        if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
            throw new IllegalArgumentException("coordinates out of range: " + latitude + ", " + longitude);
        }
    }

    public static Where of(Place place) {
        return new Where(place.label(), place.latitude(), place.longitude(), place.continent().name());
    }
}
