package dev.geodns.testbed.scenario;

import dev.geodns.config.model.LabNetwork;
import dev.geodns.config.yaml.Fields;
import dev.geodns.config.yaml.Suggestion;
import dev.geodns.config.yaml.YamlNode;
import java.util.List;

/** Binds a place key ({@code place}, {@code office}): a lab-plan city name, or {latitude, longitude, label}. */
final class PlaceBinder {
    private PlaceBinder() {
    }

    /** The place at {@code key} (required); null after reporting. */
    static BoundPlace bind(Fields f, String key, ScenarioWorld world) {
        if (!f.require(key)) {
            return null;
        }
        if (f.node(key) instanceof YamlNode.Scalar) {
            return city(f, key, world);
        }
        Fields m = f.map(key);
        if (m == null) {
            return null;
        }
        m.allow("latitude", "longitude", "label");
        Double lat = m.number("latitude");
        Double lon = m.number("longitude");
        String label = m.optString("label", null);
        if (lat == null || lon == null) {
            return null;
        }
        if (lat < -90 || lat > 90) {
            m.error("latitude", "must be within [-90, 90]");
            return null;
        }
        if (lon < -180 || lon > 180) {
            m.error("longitude", "must be within [-180, 180]");
            return null;
        }
        String shown = label != null ? label : Format.number(lat) + ", " + Format.number(lon);
        return new BoundPlace(new Where(shown, lat, lon, null), null);
    }

    private static BoundPlace city(Fields f, String key, ScenarioWorld world) {
        String city = f.optString(key, null);
        if (city == null || !world.loaded()) {
            return null;
        }
        List<LabNetwork> nets = world.places().city(city);
        if (nets.isEmpty()) {
            f.error(key, "'" + city + "' is not a city of the world's lab plan (cities: " + world.places().cityList()
                    + "); or give {latitude, longitude, label}" + Suggestion.didYouMean(city, world.places().cities()));
            return null;
        }
        return new BoundPlace(Where.of(nets.get(0).place()), nets.get(0).place().city());
    }
}
