package dev.geodns.server.frontdoor;

import dev.geodns.config.model.Service;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.SiteKind;
import dev.geodns.config.model.Tenant;
import java.util.Locale;

/**
 * What a request is for: the service its host names, the persona that answers, the tenant and where
 * that tenant came from, and the mailbox datacenter an Exchange front end proxies to. Immutable.
 *
 * @param service the service, or null when the host names none
 * @param tenant the tenant, or null when the cloud has none
 * @param tenantSource {@code host}, {@code x-anchormailbox} or {@code default}
 * @param mailbox the tenant's mailbox datacenter for an Exchange request, else null
 */
record RequestTarget(Service service, Persona persona, Tenant tenant, String tenantSource, Site mailbox) {
    /** Paths Exchange front ends serve; with no known host, a front door answers these as Exchange. */
    private static final String[] EXCHANGE_PATHS = {"/owa", "/ews", "/mapi", "/autodiscover", "/ecp", "/oab",
        "/microsoft-server-activesync", "/rpc"};

    /**
     * Decides what a request is for.
     *
     * @param host the {@code Host} header (or HTTP/2 authority), may be null
     * @param anchorMailbox the {@code X-AnchorMailbox} header, may be null
     * @param defaultTenant the preferred tenant when the request names none, may be null
     */
    static RequestTarget resolve(FrontDoorWorld fw, Site site, String host, String path, String anchorMailbox,
            String defaultTenant) {
        ServiceNames.Match match = fw.names().match(host);
        Service service = match == null ? null : match.service();
        if (service == null && site.kind() == SiteKind.FRONT_DOOR && isExchangePath(path)) {
            service = fw.world().services().stream()
                    .filter(s -> s.cloud().equals(site.cloud()))
                    .filter(s -> fw.model().settings().backboneServices().contains(s.id()))
                    .findFirst().orElse(null);
        }
        Persona persona = Persona.of(service, fw.model().settings());
        String cloud = service != null ? service.cloud() : site.cloud();
        Tenant tenant = null;
        String source = "default";
        if (match != null && match.tenant() != null) {
            tenant = fw.world().tenant(match.tenant()).orElse(null);
            source = "host";
        }
        if (tenant == null && anchorMailbox != null) {
            tenant = fw.world().tenant(tenantOfMailbox(anchorMailbox)).orElse(null);
            source = "x-anchormailbox";
        }
        if (tenant == null) {
            tenant = fw.defaultTenant(cloud, defaultTenant);
            source = "default";
        }
        Site mailbox = service == null || tenant == null ? null
                : fw.model().mailboxSite(fw.world(), service.id(), tenant.id());
        return new RequestTarget(service, persona, tenant, source, mailbox);
    }

    /**
     * The tenant an {@code X-AnchorMailbox} names: the first label of the address's domain
     * ({@code SMTP:user@contoso.onmicrosoft.com} is {@code contoso}); empty text when there is none.
     */
    static String tenantOfMailbox(String anchor) {
        String a = anchor.strip();
        int colon = a.indexOf(':');
        if (colon >= 0 && colon < a.indexOf('@')) {
            a = a.substring(colon + 1);
        }
        int at = a.lastIndexOf('@');
        if (at < 0) {
            return "";
        }
        String domain = a.substring(at + 1).toLowerCase(Locale.ROOT);
        int dot = domain.indexOf('.');
        return dot < 0 ? domain : domain.substring(0, dot);
    }

    private static boolean isExchangePath(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        for (String prefix : EXCHANGE_PATHS) {
            if (p.equals(prefix) || p.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }
}
