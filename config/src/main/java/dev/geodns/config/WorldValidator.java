package dev.geodns.config;

import dev.geodns.config.compiled.Fence;
import dev.geodns.config.model.Cloud;
import dev.geodns.config.model.RoutingKind;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.SiteKind;
import dev.geodns.config.model.Tenant;
import dev.geodns.config.yaml.Fields;
import dev.geodns.config.yaml.YamlNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Cross-reference checks once every section is bound: unique ids, references to clouds and sites,
 * cloud fences (a tenant's datacenters and a service's sites belong to its cloud), site kinds and
 * unique site codes. An id whose item failed to bind counts as known, so one mistake is reported once.
 */
final class WorldValidator {
    private final Map<String, Cloud> clouds = new LinkedHashMap<>();
    private final Map<String, Site> sites = new HashMap<>();
    private final List<Bound<Site>> boundSites;
    private final Set<String> rawCloudIds;
    private final Set<String> rawSiteIds;

    private WorldValidator(Fields root, List<Bound<Cloud>> clouds, List<Bound<Site>> sites) {
        this.boundSites = sites;
        clouds.forEach(c -> this.clouds.putIfAbsent(c.value().id(), c.value()));
        sites.forEach(s -> this.sites.putIfAbsent(s.value().id(), s.value()));
        this.rawCloudIds = rawIds(root, "clouds");
        this.rawSiteIds = rawIds(root, "sites");
    }

    static void check(Fields root, List<Bound<Cloud>> clouds, List<Bound<Site>> sites, List<Bound<Service>> services,
            List<Bound<Tenant>> tenants) {
        WorldValidator v = new WorldValidator(root, clouds, sites);
        unique(clouds, Cloud::id, "cloud");
        unique(sites, Site::id, "site");
        unique(services, Service::id, "service");
        unique(tenants, Tenant::id, "tenant");
        sites.forEach(v::site);
        v.siteCodes();
        clouds.forEach(v::cloud);
        services.forEach(v::service);
        tenants.forEach(v::tenant);
    }

    private static <T> void unique(List<Bound<T>> items, Function<T, String> id, String what) {
        Map<String, Bound<T>> seen = new HashMap<>();
        for (Bound<T> b : items) {
            Bound<T> first = seen.putIfAbsent(id.apply(b.value()).toLowerCase(Locale.ROOT), b);
            if (first != null) {
                b.at().error("id", "duplicate " + what + " id '" + id.apply(b.value()) + "' (first at "
                        + first.at().path() + ", line " + first.at().line() + ")");
            }
        }
    }

    private void site(Bound<Site> b) {
        cloudRef(b.at(), "cloud", b.value().cloud());
    }

    /** Two sites answering for one cloud and kind need distinct codes, or their regional names collide. */
    private void siteCodes() {
        Map<String, Bound<Site>> seen = new HashMap<>();
        for (Bound<Site> b : boundSites) {
            Site s = b.value();
            String key = s.cloud() + "/" + s.kind() + "/" + s.code().toLowerCase(Locale.ROOT);
            Bound<Site> first = seen.putIfAbsent(key, b);
            if (first != null && !first.value().id().equalsIgnoreCase(s.id())) {
                b.at().error(b.at().has("code") ? "code" : "id", "code '" + s.code() + "' is already used by site '"
                        + first.value().id() + "' (" + first.at().path() + ") of the same cloud and kind");
            }
        }
    }

    private void cloud(Bound<Cloud> b) {
        siteRef(b.at(), "default_site", -1, b.value().defaultSite(), b.value().id(), null, "a cloud's default_site");
    }

    private void service(Bound<Service> b) {
        Service s = b.value();
        Fields f = b.at();
        if (!cloudRef(f, "cloud", s.cloud())) {
            return;
        }
        if (s.routing() == RoutingKind.ANYCAST && boundSites.stream().map(Bound::value)
                .noneMatch(x -> Fence.admits(x, s.cloud(), SiteKind.FRONT_DOOR))) {
            f.error("routing", Fence.noEdges(s));
        }
        if (s.routing().answersOneSite() && s.fixedSite() != null) {
            Site site = siteRef(f, "fixed_site", -1, s.fixedSite(), s.cloud(), null, "fixed_site");
            String kindProblem = site == null ? null : Fence.fixedKindProblem(site, s);
            if (kindProblem != null) {
                f.error("fixed_site", kindProblem);
            }
        } else if (!s.routing().answersOneSite()
                && boundSites.stream().map(Bound::value).noneMatch(x -> Fence.admits(x, s))) {
            f.error("site_kind", Fence.noCandidates(s));
        }
    }

    private void tenant(Bound<Tenant> b) {
        Tenant t = b.value();
        Fields f = b.at();
        if (!cloudRef(f, "cloud", t.cloud())) {
            return;
        }
        SiteKind dc = SiteKind.DATACENTER;
        siteRef(f, "home", -1, t.home(), t.cloud(), dc, "a tenant's home");
        for (int i = 0; i < t.failover().size(); i++) {
            siteRef(f, "failover", i, t.failover().get(i), t.cloud(), dc, "a tenant's failover");
        }
        if (t.mailbox() != null) {
            siteRef(f, "mailbox", -1, t.mailbox(), t.cloud(), dc, "a tenant's mailbox");
        }
        for (int i = 0; i < t.extraGeos().size(); i++) {
            siteRef(f, "extra_geos", i, t.extraGeos().get(i), t.cloud(), dc, "a tenant's extra geo");
        }
    }

    /** True when {@code cloud} is a bound cloud; reports an unknown one. */
    private boolean cloudRef(Fields f, String key, String cloud) {
        if (clouds.containsKey(cloud)) {
            return true;
        }
        if (!rawCloudIds.contains(cloud)) {
            f.error(key, "unknown cloud '" + cloud + "' (clouds: " + String.join(", ", clouds.keySet()) + ")");
        }
        return false;
    }

    /** The referenced site when it exists and passes the {@link Fence} for {@code cloud} and {@code kind}; else null. */
    private Site siteRef(Fields f, String key, int index, String id, String cloud, SiteKind kind, String role) {
        Site site = sites.get(id);
        // a site that failed to bind was reported where it is written
        String problem = site == null && rawSiteIds.contains(id) ? null : Fence.problem(site, id, cloud, kind, role);
        if (problem != null) {
            if (index < 0) {
                f.error(key, problem);
            } else {
                f.error(key, index, problem);
            }
            return null;
        }
        return site;
    }

    /** The {@code id} texts of every item of the list at {@code key}, bound or not. */
    private static Set<String> rawIds(Fields root, String key) {
        Set<String> ids = new HashSet<>();
        for (YamlNode item : root.items(key)) {
            if (item instanceof YamlNode.MapNode m && m.entries().get("id") != null
                    && m.entries().get("id").value() instanceof YamlNode.Scalar s) {
                ids.add(s.text());
            }
        }
        return ids;
    }
}
