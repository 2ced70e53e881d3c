package dev.geodns.server.policy.nearest;

import dev.geodns.config.latency.GreatCircle;
import dev.geodns.config.model.Place;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.Tenant;
import dev.geodns.server.policy.DrainView;
import dev.geodns.server.policy.RoutingPolicy;
import dev.geodns.server.policy.SiteChoice;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code nearest}: the live candidate at the smallest great-circle distance from the asker; ties
 * go to the smaller site id. Thread-safe.
 *
 * <p>Distances depend only on the place, so the candidates sorted by distance are kept per place:
 * those of the lab networks and default sites are computed at load time (a query from a lab
 * network costs a map lookup and a scan for the first live site); places first seen through GeoIP
 * are ranked once and kept in a bounded cache.
 */
public final class NearestPolicy implements RoutingPolicy {
    private final List<Site> sites;
    private final SiteChoice fileOrder;
    private final boolean dependsOnLocation;
    private final Map<Place, SiteChoice> known;
    private final Map<Place, SiteChoice> learned = new ConcurrentHashMap<>();
    private final int learnedLimit;

    /**
     * @param sites every site of the world, by index (the compiled world's numbering)
     * @param candidates site indexes of the service's cloud and site kind; not empty
     * @param knownPlaces places to rank now (lab networks, default sites)
     * @param cacheSize how many other places to keep ranked (at least 1)
     */
    public NearestPolicy(List<Site> sites, int[] candidates, Collection<Place> knownPlaces, int cacheSize) {
        if (candidates.length == 0) {
            throw new IllegalArgumentException("nearest routing needs at least one candidate site");
        }
        this.sites = sites;
        this.dependsOnLocation = candidates.length > 1;
        this.fileOrder = SiteChoice.ranked(candidates.clone(), dependsOnLocation);
        Map<Place, SiteChoice> ranked = new HashMap<>();
        for (Place p : knownPlaces) {
            ranked.computeIfAbsent(p, this::rank);
        }
        this.known = Map.copyOf(ranked);
        this.learnedLimit = Math.max(1, cacheSize);
    }

    @Override
    public SiteChoice choose(Place from, Tenant tenant, DrainView drain) {
        return ranking(from).firstLive(drain);
    }

    /**
     * The candidates from nearest to farthest (distance, then site id); in file order when the place
     * is unknown. Kept and shared.
     */
    SiteChoice ranking(Place from) {
        if (from == null) {
            return fileOrder;
        }
        SiteChoice r = known.get(from);
        if (r != null) {
            return r;
        }
        r = learned.get(from);
        if (r == null) {
            if (learned.size() >= learnedLimit) {
                // Crude but allocation-free bound: GeoIP places are few compared with queries.
                learned.clear();
            }
            r = learned.computeIfAbsent(from, this::rank);
        }
        return r;
    }

    private SiteChoice rank(Place from) {
        double[] distance = new double[sites.size()];
        List<Integer> candidates = fileOrder.candidates();
        for (int i : candidates) {
            distance[i] = GreatCircle.distanceKm(from, sites.get(i).place());
        }
        int[] order = candidates.stream()
                .sorted(Comparator.<Integer>comparingDouble(i -> distance[i])
                        .thenComparing(i -> sites.get(i).id()))
                .mapToInt(Integer::intValue)
                .toArray();
        return SiteChoice.ranked(order, dependsOnLocation);
    }
}
