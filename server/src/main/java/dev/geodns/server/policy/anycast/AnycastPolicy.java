package dev.geodns.server.policy.anycast;

import dev.geodns.config.latency.GreatCircle;
import dev.geodns.config.model.Place;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.Tenant;
import dev.geodns.server.policy.DrainView;
import dev.geodns.server.policy.RoutingPolicy;
import dev.geodns.server.policy.SiteChoice;
import java.util.List;

/**
 * {@code anycast}: one anycast site's addresses for everyone (DNS does not move the client), and the
 * rule for where those addresses lead: the live edge (a front door of the cloud) nearest to where
 * the client's packets enter the network. Immutable and thread-safe.
 */
public final class AnycastPolicy implements RoutingPolicy {
    private final SiteChoice site;
    private final List<Site> sites;
    private final int[] edges;

    /**
     * @param siteIndex the anycast site everyone is answered with
     * @param sites every site of the world, by index
     * @param edges the site indexes of the front doors announcing it (its cloud's); not empty
     */
    public AnycastPolicy(int siteIndex, List<Site> sites, int[] edges) {
        if (edges.length == 0) {
            throw new IllegalArgumentException("an anycast site needs at least one edge");
        }
        this.site = SiteChoice.ranked(new int[] {siteIndex}, false);
        this.sites = sites;
        this.edges = edges.clone();
    }

    @Override
    public SiteChoice choose(Place from, Tenant tenant, DrainView drain) {
        return site.firstLive(drain);
    }

    /**
     * The edge a client whose packets enter at {@code entry} reaches: the nearest live edge (a drained
     * edge withdraws its announcement), ties to the smaller site id; the nearest one when all are
     * drained; the first edge when {@code entry} is null.
     */
    public int edgeFor(Place entry, DrainView drain) {
        if (entry == null) {
            return edges[0];
        }
        int best = -1;
        int bestAny = -1;
        double bestDistance = Double.MAX_VALUE;
        double bestAnyDistance = Double.MAX_VALUE;
        for (int e : edges) {
            double d = GreatCircle.distanceKm(entry, sites.get(e).place());
            if (closer(d, e, bestAnyDistance, bestAny)) {
                bestAny = e;
                bestAnyDistance = d;
            }
            if (!drain.isDrained(e) && closer(d, e, bestDistance, best)) {
                best = e;
                bestDistance = d;
            }
        }
        return best >= 0 ? best : bestAny;
    }

    private boolean closer(double d, int e, double bestDistance, int best) {
        return best < 0 || d < bestDistance || (d == bestDistance && sites.get(e).id().compareTo(sites.get(best).id()) < 0);
    }

    /** The anycast site's index. */
    public int site() {
        return site.candidate(0);
    }
}
