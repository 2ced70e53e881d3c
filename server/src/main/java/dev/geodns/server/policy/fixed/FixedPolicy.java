package dev.geodns.server.policy.fixed;

import dev.geodns.config.model.Place;
import dev.geodns.config.model.Tenant;
import dev.geodns.server.policy.DrainView;
import dev.geodns.server.policy.RoutingPolicy;
import dev.geodns.server.policy.SiteChoice;

/**
 * {@code fixed}: always one site, for anyone; a drained fixed site still answers (there is no
 * other), and the decision says it was drained. Immutable and thread-safe.
 */
public final class FixedPolicy implements RoutingPolicy {
    private final SiteChoice site;

    /** @param siteIndex the site that always answers */
    public FixedPolicy(int siteIndex) {
        this.site = SiteChoice.ranked(new int[] {siteIndex}, false);
    }

    @Override
    public SiteChoice choose(Place from, Tenant tenant, DrainView drain) {
        return site.firstLive(drain);
    }
}
