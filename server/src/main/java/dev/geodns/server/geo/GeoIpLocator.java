package dev.geodns.server.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Network;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.model.AbstractCountryResponse;
import com.maxmind.geoip2.model.CityResponse;
import com.maxmind.geoip2.record.Country;
import dev.geodns.config.model.Continent;
import dev.geodns.config.model.Place;
import java.io.Closeable;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Locates addresses with one MaxMind GeoIP2/GeoLite2 City or Country database, read by MaxMind's
 * own {@link DatabaseReader}. Thread-safe (the reader is); never throws from {@link #locate}.
 *
 * <p>The reader is built with a {@link CHMCache}, so the records of networks seen before are not
 * decoded again. The network the database matched becomes the location's prefix length and so the
 * ECS scope (RFC 7871 section 7.2.1): every address of that network reads the same record.
 *
 * <p>A City record with coordinates gives a point. A record without coordinates (every Country
 * database, and country-level rows of City databases) gets a representative point of its country,
 * else of its continent ({@link RepresentativePoints}), and the location says it is approximate.
 */
public final class GeoIpLocator implements Locator, Closeable {
    private static final System.Logger LOG = System.getLogger(GeoIpLocator.class.getName());

    private final DatabaseReader reader;
    private final String name;
    private final boolean city;
    private final boolean ipv4Only;
    private final RepresentativePoints points = RepresentativePoints.get();
    private final AtomicLong failures = new AtomicLong();

    /**
     * Wraps an open reader; the locator owns it from now on.
     *
     * @param name how explain and logs call the database (usually the file name)
     * @throws IllegalArgumentException when the database is neither a City nor a Country database
     */
    public GeoIpLocator(DatabaseReader reader, String name) {
        String type = reader.getMetadata().getDatabaseType();
        this.reader = reader;
        this.name = name;
        // GeoIP2-Enterprise records are City records plus more; "-City" also covers GeoLite2-City.
        this.city = type.contains("City") || type.contains("Enterprise");
        if (!city && !type.contains("Country")) {
            throw new IllegalArgumentException(name + ": database type '" + type
                    + "' is neither a City nor a Country database");
        }
        this.ipv4Only = reader.getMetadata().getIpVersion() == 4;
    }

    /**
     * Opens a database file memory-mapped, with a record cache of {@code cacheSize} entries.
     *
     * @throws IOException when the file cannot be read or is not a MaxMind DB
     * @throws IllegalArgumentException when it is neither a City nor a Country database
     */
    public static GeoIpLocator open(Path database, int cacheSize) throws IOException {
        DatabaseReader reader = new DatabaseReader.Builder(database.toFile())
                .withCache(new CHMCache(Math.max(1, cacheSize)))
                .locales(List.of("en"))
                .build();
        try {
            return new GeoIpLocator(reader, database.getFileName().toString());
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** The database's name, as given at construction. */
    public String name() {
        return name;
    }

    /** True for a City (or Enterprise) database, false for a Country database. */
    public boolean isCityDatabase() {
        return city;
    }

    /** How many lookups failed inside the reader (each answered as unknown). */
    public long failures() {
        return failures.get();
    }

    @Override
    public Location locate(InetAddress address) {
        if (address == null || (ipv4Only && address instanceof Inet6Address)) {
            return Location.UNKNOWN;
        }
        try {
            Optional<? extends AbstractCountryResponse> response =
                    city ? reader.tryCity(address) : reader.tryCountry(address);
            return response.map(this::toLocation).orElse(Location.UNKNOWN);
        } catch (Exception e) {
            // A corrupt record or a database closed by a reload: answer unknown, never fail the query.
            if (failures.getAndIncrement() == 0) {
                LOG.log(System.Logger.Level.WARNING, name + ": lookup failed (" + e
                        + "); answering unknown, further failures are only counted");
            }
            return Location.UNKNOWN;
        }
    }

    private Location toLocation(AbstractCountryResponse r) {
        String country = isoCode(r.getCountry());
        if (country == null) {
            // Anycast and satellite networks may carry only the registered country.
            country = isoCode(r.getRegisteredCountry());
        }
        Continent continent = continent(r.getContinent().getCode());
        Place countryPoint = points.country(country);
        if (continent == null && countryPoint != null) {
            continent = countryPoint.continent();
        }
        if (continent == null) {
            return Location.UNKNOWN;
        }
        String cityName = null;
        Double lat = null;
        Double lon = null;
        if (r instanceof CityResponse c) {
            cityName = c.getCity().getName();
            lat = c.getLocation().getLatitude();
            lon = c.getLocation().getLongitude();
        }
        Network network = r.getTraits().getNetwork();
        int prefix = network == null ? 0 : network.getPrefixLength();
        String networkText = network == null ? null : network.toString();
        if (lat != null && lon != null) {
            Place place = new Place(cityName, country, continent, lat, lon);
            return new Location(place, LocationOrigin.GEOIP, Location.precisionOf(place), cityName == null,
                    prefix, networkText);
        }
        if (countryPoint != null) {
            Place place = new Place(cityName, country, continent, countryPoint.latitude(), countryPoint.longitude());
            return new Location(place, LocationOrigin.GEOIP, Location.Precision.COUNTRY, true, prefix, networkText);
        }
        Place c = points.continent(continent);
        Place place = new Place(cityName, country, continent, c.latitude(), c.longitude());
        return new Location(place, LocationOrigin.GEOIP, Location.Precision.CONTINENT, true, prefix, networkText);
    }

    private static String isoCode(Country country) {
        String code = country == null ? null : country.getIsoCode();
        return code == null || code.isEmpty() ? null : code.toUpperCase(Locale.ROOT);
    }

    private static Continent continent(String code) {
        if (code == null) {
            return null;
        }
        try {
            return Continent.valueOf(code.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
