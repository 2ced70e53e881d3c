package dev.geodns.config;

import dev.geodns.config.model.Basis;
import dev.geodns.config.model.Continent;
import dev.geodns.config.model.RoutingKind;
import dev.geodns.config.model.SiteKind;
import dev.geodns.config.yaml.Fields;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The words a world file may use for enumerated keys, in the order error messages list them. */
final class Choices {
    static final Map<String, SiteKind> SITE_KINDS = new LinkedHashMap<>();
    static final Map<String, RoutingKind> ROUTINGS = new LinkedHashMap<>();
    static final Map<String, Basis> BASES = new LinkedHashMap<>();
    static final Map<String, Continent> CONTINENTS = new LinkedHashMap<>();
    /** Ids of clouds, sites and services: letters, digits and hyphens. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})");
    /** ISO 3166-1 alpha-2 country codes, as GeoIP2 reports them. */
    static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    static {
        for (SiteKind k : SiteKind.values()) {
            SITE_KINDS.put(k.yamlName(), k);
        }
        for (RoutingKind r : RoutingKind.values()) {
            ROUTINGS.put(r.yamlName(), r);
        }
        for (Basis b : Basis.values()) {
            BASES.put(b.name().toLowerCase(Locale.ROOT), b);
        }
        for (Continent c : Continent.values()) {
            CONTINENTS.put(c.name(), c);
        }
    }

    private Choices() {
    }

    /** Reads an id at {@code key}, reporting one that is not letters, digits and hyphens. */
    static String id(Fields f, String key) {
        String id = f.string(key);
        if (id != null && !ID.matcher(id).matches()) {
            f.error(key, "'" + id + "' is not a valid id (letters, digits and hyphens, at most 63)");
            return null;
        }
        return id;
    }
}
