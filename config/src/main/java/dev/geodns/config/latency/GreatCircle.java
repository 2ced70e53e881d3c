package dev.geodns.config.latency;

import dev.geodns.config.model.Place;

/** Great-circle distance on a spherical Earth (haversine), in kilometres. */
public final class GreatCircle {
    /**
     * Mean Earth radius (IUGG R1 = 6371.0088 km). A sphere is within 0.5% of the ellipsoid: plenty to
     * pick a nearest site, and identical to what most GeoDNS servers use.
     */
    public static final double EARTH_RADIUS_KM = 6371.0088;

    private GreatCircle() {
    }

    public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double sinDPhi = Math.sin((phi2 - phi1) / 2);
        double sinDLambda = Math.sin(Math.toRadians(lon2 - lon1) / 2);
        double a = sinDPhi * sinDPhi + Math.cos(phi1) * Math.cos(phi2) * sinDLambda * sinDLambda;
        // asin of min(1, ..) guards against rounding just above 1 for antipodal points.
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(a)));
    }

    public static double distanceKm(Place from, Place to) {
        return distanceKm(from.latitude(), from.longitude(), to.latitude(), to.longitude());
    }
}
