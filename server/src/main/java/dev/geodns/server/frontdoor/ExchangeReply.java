package dev.geodns.server.frontdoor;

import dev.geodns.config.latency.Leg;
import dev.geodns.config.model.Site;
import java.util.Locale;

/**
 * Answers as an Exchange Online front end: {@code X-FEServer} names this front door by its code,
 * {@code X-BEServer} and {@code X-CalculatedBETarget} name the tenant's mailbox datacenter it
 * proxied to (the backbone leg is part of the delay). {@code /owa/} gets a page, {@code /autodiscover/}
 * the JSON of Autodiscover v2, {@code /EWS/} and {@code /mapi/} a 401 asking for a bearer token.
 */
final class ExchangeReply {
    private ExchangeReply() {
    }

    static Reply reply(FrontRequest r) {
        String path = r.path().toLowerCase(Locale.ROOT);
        Site mailbox = r.target().mailbox();
        Reply reply;
        if (path.startsWith("/autodiscover")) {
            String url = r.scheme() + "://" + (r.host() == null ? "outlook.office365.com" : r.host())
                    + "/EWS/Exchange.asmx";
            reply = Reply.of(200, Reply.JSON, "{\"Protocol\":\"EWS\",\"Url\":\"" + url.replace("\"", "") + "\"}\n", r);
        } else if (path.startsWith("/ews") || path.startsWith("/mapi")) {
            reply = Reply.of(401, Reply.TEXT, "401 Unauthorized: the lab front door wants a bearer token\n", r)
                    .header("WWW-Authenticate", "Bearer realm=\"geodns-lab\"");
        } else {
            reply = Reply.of(200, Reply.HTML, page(r, mailbox), r);
        }
        reply.header("X-FEServer", feServer(r.site()));
        if (mailbox != null) {
            reply.header("X-BEServer", beServer(mailbox));
            reply.header("X-CalculatedBETarget", calculatedTarget(mailbox, r));
            reply.header("X-GeoDNS-Mailbox-Site", mailbox.id());
            reply.header("X-GeoDNS-Backbone-Ms", String.format(Locale.ROOT, "%.1f", backboneMs(r)));
        }
        if (r.target().tenant() != null) {
            reply.header("X-GeoDNS-Tenant", r.target().tenant().id() + " (" + r.target().tenantSource() + ")");
        }
        reply.header("X-Proxy-RoutingCorrectness", "1");
        return reply;
    }

    /** The front-end server: the front door's code and a server number, e.g. {@code FRA-FE01}. */
    static String feServer(Site site) {
        return site.code().toUpperCase(Locale.ROOT) + "-FE01";
    }

    /** The mailbox server: the datacenter's code and a server number, e.g. {@code US-DES-MOINES-MBX01}. */
    static String beServer(Site mailbox) {
        return mailbox.code().toUpperCase(Locale.ROOT) + "-MBX01";
    }

    private static String calculatedTarget(Site mailbox, FrontRequest r) {
        return mailbox.code().toLowerCase(Locale.ROOT) + "-mbx01." + r.target().tenant().id() + ".mailbox.lab";
    }

    private static double backboneMs(FrontRequest r) {
        return r.delay().legs().stream().filter(l -> l.kind() == Leg.Kind.BACKBONE).mapToDouble(Leg::rttMs).sum();
    }

    private static String page(FrontRequest r, Site mailbox) {
        return "<!doctype html><html><head><title>Outlook (GeoDNS lab)</title></head><body>"
                + "<h1>Outlook on the web: lab front door " + Reply.escape(r.siteLabel()) + "</h1>"
                + "<p>Front end " + feServer(r.site()) + "; mailbox "
                + (mailbox == null ? "none" : Reply.escape(mailbox.id() + " (" + mailbox.place().label() + ")"))
                + "; waited " + String.format(Locale.ROOT, "%.1f", r.delay().appliedMs()) + " ms.</p>"
                + "<p><a href=\"/geodns/whoami\">/geodns/whoami</a></p></body></html>\n";
    }
}
