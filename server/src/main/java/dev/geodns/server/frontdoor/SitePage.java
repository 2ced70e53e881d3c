package dev.geodns.server.frontdoor;

import java.time.Instant;
import java.util.Locale;

/**
 * Answers as a portal, sign-in or edge site, and for any host no service claims: a page naming the
 * site, and {@code X-MSEdge-Ref} with the site's code where an edge reference would carry it.
 */
final class SitePage {
    private SitePage() {
    }

    static Reply reply(FrontRequest r) {
        String service = r.target().service() == null ? "no service of this world" : r.target().service().id();
        String body = "<!doctype html><html><head><title>GeoDNS lab site " + Reply.escape(r.site().id())
                + "</title></head><body><h1>" + Reply.escape(r.siteLabel()) + "</h1>"
                + "<p>Host " + Reply.escape(r.host() == null ? "(none)" : r.host()) + " (" + Reply.escape(service)
                + "); you are at " + Reply.escape(r.clientPlace()) + "; waited "
                + String.format(Locale.ROOT, "%.1f", r.delay().appliedMs()) + " ms.</p>"
                + "<p><a href=\"/geodns/whoami\">/geodns/whoami</a></p></body></html>\n";
        return Reply.of(200, Reply.HTML, body, r)
                .header("X-MSEdge-Ref", "Ref A: " + r.requestId().replace("-", "").toUpperCase(Locale.ROOT)
                        + " Ref B: " + r.site().code().toUpperCase(Locale.ROOT) + "EDGE0101 Ref C: " + Instant.now());
    }
}
