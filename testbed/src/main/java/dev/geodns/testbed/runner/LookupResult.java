package dev.geodns.testbed.runner;

import dev.geodns.config.latency.Leg;
import dev.geodns.config.model.Site;
import dev.geodns.testbed.model.PenaltyBand;
import dev.geodns.testbed.scenario.ClientSpec;
import dev.geodns.testbed.scenario.Lookup;
import java.util.List;

/**
 * One client's lookup of one name in one round, through its resolver, with the modelled path and
 * the same lookup through its local resolver for comparison.
 *
 * @param site the site the final addresses belong to, or null (lookup failed, or addresses of no site)
 * @param distanceKm great circle client -> site (NaN when no site)
 * @param legs the modelled path (empty when no site)
 * @param rttMs the modelled round trip (NaN when no site)
 * @param baseline the same lookup through the client's local resolver
 * @param sameAsBaseline true when the client's own resolver is its local one (penalty 0 by definition)
 * @param penaltyMs {@code rttMs - baseline.rttMs} (NaN when either is unknown)
 * @param siteDrained true when the site reached was drained at the time (a cached answer outliving a drain)
 * @param path how the lookup's traffic went: direct from the client, or through the VPN office
 * @param resolverDistanceKm great circle client -> resolver
 */
public record LookupResult(
        int round,
        double timeSeconds,
        ClientSpec client,
        Lookup lookup,
        String resolver,
        Resolution resolution,
        Site site,
        double distanceKm,
        List<Leg> legs,
        double rttMs,
        Baseline baseline,
        boolean sameAsBaseline,
        double penaltyMs,
        boolean siteDrained,
        TrafficPath path,
        double resolverDistanceKm) {
    /** Beyond this distance a resolver is flagged, as Microsoft's network connectivity test flags it (500 miles). */
    public static final double FAR_RESOLVER_KM = 800;

    /** Which way a lookup's traffic went. */
    public enum TrafficPath {
        /** From the client straight to the site. */
        DIRECT,
        /** Through the VPN tunnel to the office, then to the site. */
        OFFICE;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** True when the resolver is farther than {@link #FAR_RESOLVER_KM} from the client. */
    public boolean resolverFar() {
        return resolverDistanceKm > FAR_RESOLVER_KM;
    }

    public LookupResult {
        legs = List.copyOf(legs);
    }

    /**
     * The comparison case: the client asking through its local resolver, no tunnel.
     *
     * @param resolver the local resolver's id, or {@code CLIENT@own} when the client's own address stood in
     */
    public record Baseline(String resolver, Resolution resolution, Site site, double distanceKm, List<Leg> legs,
            double rttMs) {
        public Baseline {
            legs = List.copyOf(legs);
        }
    }

    /** Whether a site was reached, none was, or the lookup was not made. */
    public enum Status { OK, FAILED, SKIPPED }

    public boolean ok() {
        return site != null;
    }

    /**
     * Why the lookup was not made (a real resolver it needs, its own or its baseline, or the stub
     * client is not installed; the message names the Debian package), else null.
     */
    public String skipped() {
        if (resolution.skipped() != null) {
            return resolution.skipped();
        }
        return baseline == null ? null : baseline.resolution().skipped();
    }

    public Status status() {
        if (skipped() != null) {
            return Status.SKIPPED;
        }
        return site != null ? Status.OK : Status.FAILED;
    }

    public PenaltyBand band() {
        return PenaltyBand.of(penaltyMs);
    }

    /** Why no site was reached, or null. */
    public String error() {
        if (skipped() != null) {
            return "skipped: " + skipped();
        }
        if (site != null) {
            return null;
        }
        if (resolution.error() != null) {
            return resolution.error();
        }
        return "the answer's addresses " + resolution.addresses() + " belong to no site of the world";
    }
}
