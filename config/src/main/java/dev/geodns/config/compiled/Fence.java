package dev.geodns.config.compiled;

import dev.geodns.config.model.Service;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.SiteKind;

/**
 * The cloud fence, stated once: a name of one cloud is only ever answered with sites of that cloud,
 * and of the kind its service routes to. Clouds are isolation domains (worldwide, sovereign,
 * government), so every reference from a cloud's service, tenant or default to a site passes here,
 * when the world is checked and when it is compiled.
 */
public final class Fence {
    private Fence() {
    }

    /** True when {@code site} may answer for {@code cloud}; with a non-null {@code kind}, also of that kind. */
    public static boolean admits(Site site, String cloud, SiteKind kind) {
        return site.cloud().equals(cloud) && (kind == null || site.kind() == kind);
    }

    /** True when {@code site} is a candidate of {@code service}: its cloud, its site kind. */
    public static boolean admits(Site site, Service service) {
        return admits(site, service.cloud(), service.siteKind());
    }

    /**
     * Why the site {@code id} (null when no site has that id) cannot stand where {@code role} needs
     * a site of {@code cloud} and, if non-null, of {@code kind}; null when it can.
     *
     * @param role what refers to the site, e.g. {@code a tenant's home}
     */
    public static String problem(Site site, String id, String cloud, SiteKind kind, String role) {
        if (site == null) {
            return "unknown site '" + id + "'";
        }
        if (!site.cloud().equals(cloud)) {
            return "site '" + id + "' is in cloud '" + site.cloud() + "', not '" + cloud
                    + "' (clouds are fences: " + role + " must be in its own cloud)";
        }
        if (kind != null && site.kind() != kind) {
            return "site '" + id + "' is a " + site.kind().yamlName() + ", but " + role + " must be a "
                    + kind.yamlName();
        }
        return null;
    }

    /** Why a fixed site of the right cloud still cannot answer for {@code service}; null when it can. */
    public static String fixedKindProblem(Site site, Service service) {
        return site.kind() == service.siteKind() ? null : "'" + site.id() + "' is a " + site.kind().yamlName()
                + " but site_kind is " + service.siteKind().yamlName();
    }

    /** What an anycast service whose cloud has no front door (no edge to announce its addresses) is told. */
    public static String noEdges(Service service) {
        return "cloud '" + service.cloud() + "' has no front-door site to serve as an anycast edge";
    }

    /** What a service whose cloud has no site of its kind is told. */
    public static String noCandidates(Service service) {
        return "cloud '" + service.cloud() + "' has no " + service.siteKind().yamlName()
                + " site for this service to answer with";
    }
}
