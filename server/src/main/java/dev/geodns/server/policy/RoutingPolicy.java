package dev.geodns.server.policy;

import dev.geodns.config.model.Place;
import dev.geodns.config.model.Tenant;

/**
 * Turns a place into a site for one service (docs/architecture.md, the query path). One implementation per
 * package under {@code policy/}: {@code nearest}, {@code active}, {@code fixed}.
 *
 * <p>Packages: this interface, {@link SiteChoice} and {@link DrainView} sit at the policy root and
 * depend only on the config model; the implementations depend on the root; the router (package
 * {@code routing}) builds one policy per service from the compiled world and depends on both. No
 * policy imports routing, so the two packages form no cycle.
 *
 * <p>A policy instance is built at load time with its candidate sites taken from the compiled world,
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
     * @param drain which sites are drained, by site index
     * @throws IllegalArgumentException when the policy needs a tenant it does not serve (such names
     *     do not exist in the compiled world, so the engine answers NXDOMAIN without routing)
     */
    SiteChoice choose(Place from, Tenant tenant, DrainView drain);
}
