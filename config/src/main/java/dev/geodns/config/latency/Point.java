package dev.geodns.config.latency;

import dev.geodns.config.model.Place;

/**
 * An end of a modelled path leg: a label and coordinates in decimal degrees. Clients, offices and
 * sites of any origin (lab plan, scenario coordinates, world sites) meet the model as points.
 *
 * @param continent the continent code when known, else null
 */
public record Point(String label, double latitude, double longitude, String continent) {
    public Point {
        if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
            throw new IllegalArgumentException("coordinates out of range: " + latitude + ", " + longitude);
        }
    }

    public static Point of(Place place) {
        return new Point(place.label(), place.latitude(), place.longitude(), place.continent().name());
    }

    /** Great-circle distance to {@code other}, in kilometres. */
    public double distanceKm(Point other) {
        return GreatCircle.distanceKm(latitude, longitude, other.latitude, other.longitude);
    }
}
