package dev.geodns.server.geo;

import dev.geodns.config.model.Place;
import java.util.Objects;

/**
 * Where an address is, as far as the locator knows, and how it knows. Immutable.
 *
 * @param place the point to measure distances from; null exactly when {@code origin} is
 *     {@link LocationOrigin#UNKNOWN}
 * @param origin which source answered
 * @param precision what the point stands for: a city, or a representative point of a country or
 *     continent
 * @param approximate true when the point is not the source's own coordinates but a representative
 *     point we substituted (a GeoIP answer that knew only the country or the continent)
 * @param networkPrefixLength the length of the network around the address that every address of
 *     which locates the same; the basis of the ECS scope (RFC 7871 section 7.2.1). It is the matched
 *     lab or GeoIP network's prefix, longer when more specific lab networks sit inside the matched one;
 *     0 when unknown
 * @param network the matched network as text, for explain; null when unknown
 */
public record Location(
        Place place,
        LocationOrigin origin,
        Precision precision,
        boolean approximate,
        int networkPrefixLength,
        String network) {

    /** The answer for an address that no source knows. */
    public static final Location UNKNOWN =
            new Location(null, LocationOrigin.UNKNOWN, Precision.NONE, false, 0, null);

    /** What a location's point stands for. */
    public enum Precision {
        CITY,
        COUNTRY,
        CONTINENT,
        NONE
    }

    public Location {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(precision, "precision");
        if ((place == null) != (origin == LocationOrigin.UNKNOWN)) {
            throw new IllegalArgumentException("place must be null exactly when the origin is UNKNOWN");
        }
        if (networkPrefixLength < 0 || networkPrefixLength > 128) {
            throw new IllegalArgumentException("network prefix length " + networkPrefixLength);
        }
    }

    /** True when some source placed the address. */
    public boolean known() {
        return origin != LocationOrigin.UNKNOWN;
    }

    /** The precision a config place implies: a city if it names one, else its country, else its continent. */
    public static Precision precisionOf(Place place) {
        if (place.city() != null) {
            return Precision.CITY;
        }
        return place.country() != null ? Precision.COUNTRY : Precision.CONTINENT;
    }

    /** This location with another network prefix length (same place, origin and network text). */
    public Location withNetworkPrefixLength(int prefixLength) {
        return prefixLength == networkPrefixLength
                ? this
                : new Location(place, origin, precision, approximate, prefixLength, network);
    }
}
