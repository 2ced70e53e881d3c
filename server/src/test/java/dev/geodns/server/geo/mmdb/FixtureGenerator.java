package dev.geodns.server.geo.mmdb;

import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.Continent;
import dev.geodns.config.model.Place;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Generates the GeoIP test fixture {@code src/test/resources/geoip/GeoIP2-City-Test-geodns.mmdb}
 * (see the README beside it). Only documentation address ranges (RFC 5737, RFC 3849).
 *
 * <p>Run from the {@code server} directory, after {@code mvn test-compile}:
 * {@code java -cp target/classes:target/test-classes:<deps> dev.geodns.server.geo.mmdb.FixtureGenerator}
 */
public final class FixtureGenerator {
    /** Where the fixture lives, relative to the server module. */
    public static final Path FIXTURE = Path.of("src/test/resources/geoip/GeoIP2-City-Test-geodns.mmdb");

    /** Fixed so that the file is reproducible byte for byte: 2025-01-01T00:00:00Z. */
    static final Instant BUILD_TIME = Instant.parse("2025-01-01T00:00:00Z");

    private FixtureGenerator() {
    }

    /** The fixture's bytes. */
    public static byte[] generate() {
        return writer().toByteArray();
    }

    static MmdbWriter writer() {
        return new MmdbWriter()
                .description("GeoDNS Emulator test fixture (documentation ranges only)")
                .buildTime(BUILD_TIME)
                // City rows, with coordinates.
                .add(Cidr.parse("192.0.2.0/24"), new Place("Paris", "FR", Continent.EU, 48.8566, 2.3522))
                .add(Cidr.parse("198.51.100.0/24"), new Place("Tokyo", "JP", Continent.AS, 35.6895, 139.6917))
                // Nested: splits the Tokyo /24, so Tokyo addresses read as /25 and /26 networks.
                .add(Cidr.parse("198.51.100.192/26"), new Place("Osaka", "JP", Continent.AS, 34.6937, 135.5023))
                .add(Cidr.parse("2001:db8:aaaa::/48"), new Place("Berlin", "DE", Continent.EU, 52.52, 13.405))
                // Country-only and continent-only rows, without coordinates: readers need a representative point.
                .addWithoutLocation(Cidr.parse("203.0.113.0/25"), new Place(null, "AU", Continent.OC, 0, 0))
                .addWithoutLocation(Cidr.parse("2001:db8:bbbb::/48"), new Place(null, null, Continent.SA, 0, 0));
    }

    /** Writes the fixture to {@code args[0]}, or to {@link #FIXTURE}. */
    public static void main(String[] args) throws IOException {
        Path target = args.length > 0 ? Path.of(args[0]) : FIXTURE;
        writer().write(target);
        System.out.println("wrote " + target.toAbsolutePath());
    }
}
