package dev.geodns.config.model;

import java.util.Objects;

/**
 * A point on Earth with its political labels. {@code city} may be null (country- or continent-only
 * places); {@code country} may be null (continent-only).
 */
public record Place(String city, String country, Continent continent, double latitude, double longitude) {
    public Place {
        Objects.requireNonNull(continent, "continent");
        if (latitude < -90 || latitude > 90) {
            throw new IllegalArgumentException("latitude " + latitude + " outside [-90, 90]");
        }
        if (longitude < -180 || longitude > 180) {
            throw new IllegalArgumentException("longitude " + longitude + " outside [-180, 180]");
        }
    }

    /** Short human label: the city if known, else the country, else the continent. */
    public String label() {
        if (city != null) {
            return country == null ? city : city + ", " + country;
        }
        return country != null ? country : continent.name();
    }
}
