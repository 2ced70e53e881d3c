package dev.geodns.server.routing;

import dev.geodns.config.model.Place;
import dev.geodns.config.model.Tenant;

/**
 * Turns a place into a site for one service (docs/architecture.md, the query path). One implementation per
 * package under {@code policy/}: {@code nearest}, {@code active}, {@code fixed}.
 *
 * <p>A policy instance is built by the {@link Router} at load time with its candidate sites
 * already fenced to the service's cloud and site kind, so a policy can never answer with a site of
 * another cloud. Contract of {@link #choose}:
 * <ul>
 *   <li>thread-safe, non-blocking, and cheap: it runs on the query path;
 *   <li>returns one of its candidates, skipping drained ones ({@link SiteChoice#firstLive});
 *   <li>never fails because of drains: when every candidate is drained it answers with its first
 *       preference and says so ({@link SiteChoice#allDrained()});
 *   <li>never touches MaxMind or the locator: the place is given.
 * </ul>
 */
public interface RoutingPolicy {
    /**
     * @param from where the asker is: the located place, or the cloud's default site's place when the
     *     asker could not be located; null when neither is known
     * @param tenant the tenant named by the query, or null for names that are not per tenant
     * @param drain the drain state of the policy's site table
     * @throws IllegalArgumentException when the policy needs a tenant it does not serve (the engine
     *     answers NXDOMAIN before routing such names; see {@link Router#serves})
     */
    SiteChoice choose(Place from, Tenant tenant, DrainState drain);
}
