package dev.geodns.server.routing;

import dev.geodns.config.latency.GreatCircle;
import dev.geodns.config.model.Place;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.Tenant;
import dev.geodns.server.geo.AskerAddress;
import dev.geodns.server.geo.Location;
import dev.geodns.server.policy.DrainView;
import dev.geodns.server.policy.SiteChoice;
import dev.geodns.server.policy.anycast.AnycastPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of routing one query, with its whole trace: the site that answers, the ECS scope for
 * the reply, and how both were reached (what was located and why, the place and where it came
 * from, the candidates in order with distances, drained sites skipped, default site used).
 * Immutable.
 *
 * <p>The hot path reads {@link #site()}, {@link #siteIndex()} and {@link #ecsScope()}; the trace
 * accessors compute lists on demand for explain and the decision log.
 */
public final class RoutingDecision {
    private final Service service;
    private final Tenant tenant;
    private final String policy;
    private final AskerAddress asker;
    private final Location location;
    private final Place from;
    private final boolean defaultUsed;
    private final String defaultSite;
    private final SiteTable sites;
    private final SiteChoice choice;
    private final int ecsScope;
    private final AnycastPolicy anycast;
    private final DrainView drain;

    /** One ranked candidate of the trace. */
    public record Candidate(Site site, double distanceKm, boolean drainedSkipped, boolean chosen) {
    }

    RoutingDecision(Service service, Tenant tenant, String policy, AskerAddress asker, Location location,
            Place from, boolean defaultUsed, String defaultSite, SiteTable sites, SiteChoice choice, int ecsScope,
            AnycastPolicy anycast, DrainView drain) {
        this.anycast = anycast;
        this.drain = drain;
        this.service = service;
        this.tenant = tenant;
        this.policy = policy;
        this.asker = asker;
        this.location = location;
        this.from = from;
        this.defaultUsed = defaultUsed;
        this.defaultSite = defaultSite;
        this.sites = sites;
        this.choice = choice;
        this.ecsScope = ecsScope;
    }

    /** The site that answers. */
    public Site site() {
        return sites.site(choice.site());
    }

    /** The answering site's index in the {@link SiteTable}. */
    public int siteIndex() {
        return choice.site();
    }

    /** SCOPE PREFIX-LENGTH for the reply's ECS option (RFC 7871 section 7.2.1); 0 when location did not matter. */
    public int ecsScope() {
        return ecsScope;
    }

    /** The policy's name as in world files: {@code nearest}, {@code active} or {@code fixed}. */
    public String policy() {
        return policy;
    }

    /** Whether another asker location could have produced another answer. */
    public boolean dependsOnLocation() {
        return choice.dependsOnLocation();
    }

    public Service service() {
        return service;
    }

    /** The tenant of the name, or null. */
    public Tenant tenant() {
        return tenant;
    }

    /** The address that was located, and why that one. */
    public AskerAddress asker() {
        return asker;
    }

    /** Where the locator placed the asker ({@link Location#UNKNOWN} when nowhere). */
    public Location location() {
        return location;
    }

    /** The place distances were measured from: the located place, or the default site's; may be null. */
    public Place from() {
        return from;
    }

    /** True when the asker could not be located and the cloud's default site stood in for it. */
    public boolean defaultUsed() {
        return defaultUsed;
    }

    /** The id of the cloud's default site, or null when the cloud has none. */
    public String defaultSite() {
        return defaultSite;
    }

    /** True when every candidate was drained and the first preference answered anyway. */
    public boolean allDrained() {
        return choice.allDrained();
    }

    /** The policy's raw choice. */
    public SiteChoice choice() {
        return choice;
    }

    /** The candidates in the policy's order, with their distance from {@link #from()} (NaN when unknown). */
    public List<Candidate> candidates() {
        List<Candidate> out = new ArrayList<>(choice.candidateCount());
        int skippedEnd = choice.allDrained() ? choice.candidateCount() : choice.position();
        for (int i = 0; i < choice.candidateCount(); i++) {
            Site s = sites.site(choice.candidate(i));
            double d = from == null ? Double.NaN : GreatCircle.distanceKm(from, s.place());
            out.add(new Candidate(s, d, i < skippedEnd, i == choice.position()));
        }
        return out;
    }

    /** The ids of the sites skipped because they were drained, in preference order. */
    public List<String> drainedSkipped() {
        List<String> out = new ArrayList<>();
        for (int i : choice.drainedSkipped()) {
            out.add(sites.site(i).id());
        }
        return out;
    }

    /**
     * The decision as plain values (strings, numbers, booleans, lists, maps, nulls) under stable keys,
     * for the explain API and CLI and the decision log. Distances are rounded to 0.1 km; unknown
     * values are null, never absent.
     */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", service.id());
        m.put("cloud", service.cloud());
        m.put("tenant", tenant == null ? null : tenant.id());
        m.put("policy", policy);
        m.put("site", site().id());
        m.put("siteCode", site().code());
        m.put("ecsScope", ecsScope);
        m.put("dependsOnLocation", dependsOnLocation());

        Map<String, Object> a = new LinkedHashMap<>();
        a.put("address", asker.address().getHostAddress());
        a.put("from", asker.fromEcs() ? "ecs" : "source");
        a.put("reason", asker.reason().name());
        a.put("ecs", asker.ecs() == null ? null
                : asker.ecs().inetAddress().getHostAddress() + "/" + asker.ecs().sourcePrefix());
        m.put("located", a);

        Map<String, Object> l = new LinkedHashMap<>();
        l.put("origin", location.origin().name());
        l.put("network", location.network());
        l.put("networkPrefixLength", location.networkPrefixLength());
        l.put("place", place(location.place()));
        l.put("precision", location.precision().name());
        l.put("approximate", location.approximate());
        m.put("location", l);

        m.put("defaultUsed", defaultUsed);
        m.put("defaultSite", defaultSite);
        m.put("measuredFrom", place(from));

        List<Object> candidates = new ArrayList<>();
        for (Candidate c : candidates()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("site", c.site().id());
            cm.put("code", c.site().code());
            cm.put("distanceKm", Double.isNaN(c.distanceKm()) ? null : Math.round(c.distanceKm() * 10) / 10.0);
            cm.put("drainedSkipped", c.drainedSkipped());
            cm.put("chosen", c.chosen());
            candidates.add(cm);
        }
        m.put("candidates", candidates);
        m.put("drainedSkipped", drainedSkipped());
        m.put("allDrained", allDrained());
        if (anycast != null) {
            Site edge = sites.site(anycast.edgeFor(from, drain));
            Map<String, Object> any = new LinkedHashMap<>();
            any.put("edgeNearAsker", edge.id());
            any.put("edgeCode", edge.code());
            any.put("note", "anycast: the same addresses for everyone; the edge is the front door nearest to where"
                    + " the client's packets enter (the client, or its VPN office with a full tunnel), not a DNS choice");
            m.put("anycast", any);
        }
        return m;
    }

    private static Map<String, Object> place(Place p) {
        if (p == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", p.label());
        m.put("city", p.city());
        m.put("country", p.country());
        m.put("continent", p.continent().name());
        m.put("latitude", p.latitude());
        m.put("longitude", p.longitude());
        return m;
    }

    @Override
    public String toString() {
        return service.id() + (tenant == null ? "" : "[" + tenant.id() + "]") + " -> " + site().id()
                + " (" + policy + ", scope /" + ecsScope + ", " + location.origin()
                + (defaultUsed ? ", default site" : "") + (allDrained() ? ", all drained" : "") + ")";
    }
}
