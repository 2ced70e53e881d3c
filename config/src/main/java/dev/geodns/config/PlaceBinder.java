package dev.geodns.config;

import dev.geodns.config.model.Continent;
import dev.geodns.config.model.Place;
import dev.geodns.config.yaml.Fields;

/** Reads the place keys shared by sites and lab networks: city, country, continent, latitude, longitude. */
final class PlaceBinder {
    static final String[] KEYS = {"city", "country", "continent", "latitude", "longitude"};

    private PlaceBinder() {
    }

    /** The place in {@code f}; null after reporting a bad or missing key. */
    static Place place(Fields f) {
        String city = f.optString("city", null);
        String country = f.optString("country", null);
        if (country != null && !Choices.COUNTRY.matcher(country).matches()) {
            f.error("country", "'" + country + "' is not an ISO 3166-1 alpha-2 country code (two upper-case letters)");
            country = null;
        }
        Continent continent = f.choice("continent", Choices.CONTINENTS);
        Double lat = f.decimal("latitude", -90, 90);
        Double lon = f.decimal("longitude", -180, 180);
        if (continent == null || lat == null || lon == null) {
            return null;
        }
        return new Place(city, country, continent, lat, lon);
    }
}
