package dev.geodns.server.frontdoor;

import dev.geodns.config.latency.LatencySettings;
import dev.geodns.config.model.Service;

/** What a front door answers as, decided once per request from the service the request is for. */
enum Persona {
    /** An Exchange Online front end: proxies to the tenant's mailbox datacenter (the backbone services). */
    EXCHANGE("exchange"),
    /** A SharePoint Online farm at a datacenter. */
    SHAREPOINT("sharepoint"),
    /** Everything else (portal, sign-in, Teams edge, an unknown host): a page naming the site. */
    PORTAL("portal"),
    /** {@code GET /geodns/whoami}, on every front door. */
    WHOAMI("whoami");

    private final String tag;

    Persona(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }

    /**
     * The persona of a service: Exchange for the services the latency model puts on the backbone,
     * SharePoint for services whose id starts with {@code sharepoint}, else the portal page.
     */
    static Persona of(Service service, LatencySettings settings) {
        if (service == null) {
            return PORTAL;
        }
        if (settings.backboneServices().contains(service.id())) {
            return EXCHANGE;
        }
        return service.id().startsWith("sharepoint") ? SHAREPOINT : PORTAL;
    }
}
