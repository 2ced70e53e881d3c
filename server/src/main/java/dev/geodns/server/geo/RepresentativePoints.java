package dev.geodns.server.geo;

import dev.geodns.config.model.Continent;
import dev.geodns.config.model.Place;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Stand-in points for places known only by country or continent: a country's approximate centre
 * from {@code country-centroids.tsv} (our own data, beside this class), else its continent's.
 * Immutable and thread-safe; loaded once.
 */
public final class RepresentativePoints {
    private static final String RESOURCE = "country-centroids.tsv";
    private static final Map<Continent, double[]> CONTINENTS = continents();
    private static final RepresentativePoints INSTANCE = load();

    private final Map<String, Place> countries;

    private RepresentativePoints(Map<String, Place> countries) {
        this.countries = Map.copyOf(countries);
    }

    /** The table shipped with the server. */
    public static RepresentativePoints get() {
        return INSTANCE;
    }

    /** The representative point of a country (ISO 3166-1 alpha-2, any case), or null if not in the table. */
    public Place country(String isoCode) {
        return isoCode == null ? null : countries.get(isoCode.toUpperCase(Locale.ROOT));
    }

    /** How many countries the table knows. */
    public int countryCount() {
        return countries.size();
    }

    /**
     * A representative point of a continent: its approximate geographic centre. Coarse on purpose:
     * it only has to pick a front door on the right continent.
     */
    public Place continent(Continent continent) {
        double[] p = CONTINENTS.get(continent);
        return new Place(null, null, continent, p[0], p[1]);
    }

    private static Map<Continent, double[]> continents() {
        Map<Continent, double[]> m = new EnumMap<>(Continent.class);
        m.put(Continent.AF, new double[] {1.6, 17.3});
        m.put(Continent.AN, new double[] {-82.9, 135.0});
        m.put(Continent.AS, new double[] {34.0, 100.0});
        m.put(Continent.EU, new double[] {50.0, 15.0});
        m.put(Continent.NA, new double[] {45.0, -100.0});
        m.put(Continent.OC, new double[] {-25.0, 140.0});
        m.put(Continent.SA, new double[] {-15.0, -58.0});
        return m;
    }

    private static RepresentativePoints load() {
        try (InputStream in = RepresentativePoints.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new RepresentativePoints(parse(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Parses {@code code TAB continent TAB latitude TAB longitude TAB name} lines; {@code #} starts a comment. */
    static Map<String, Place> parse(InputStream in) throws IOException {
        Map<String, Place> out = new HashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            try {
                Place place = new Place(null, f[0], Continent.valueOf(f[1]),
                        Double.parseDouble(f[2]), Double.parseDouble(f[3]));
                if (out.put(f[0], place) != null) {
                    throw new IllegalArgumentException("country " + f[0] + " twice");
                }
            } catch (RuntimeException e) {
                throw new IllegalStateException(RESOURCE + " line " + number + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
