package dev.geodns.server.frontdoor;

import dev.geodns.config.model.Tenant;
import java.util.Locale;

/**
 * Answers as a SharePoint Online farm: {@code MicrosoftSharePointTeamServices}, {@code SPRequestGuid}
 * (the request id) and {@code X-GeoDNS-Farm} naming the datacenter the farm is at.
 */
final class SharePointReply {
    /** The product version SharePoint Online reports, with the build left at zero. */
    static final String VERSION = "16.0.0.0";

    private SharePointReply() {
    }

    static Reply reply(FrontRequest r) {
        Tenant t = r.target().tenant();
        String body = "<!doctype html><html><head><title>SharePoint (GeoDNS lab)</title></head><body>"
                + "<h1>SharePoint farm at " + Reply.escape(r.siteLabel()) + "</h1>"
                + "<p>Tenant " + (t == null ? "none" : Reply.escape(t.id() + ", home " + t.home())) + "; waited "
                + String.format(Locale.ROOT, "%.1f", r.delay().appliedMs()) + " ms.</p>"
                + "<p><a href=\"/geodns/whoami\">/geodns/whoami</a></p></body></html>\n";
        Reply reply = Reply.of(200, Reply.HTML, body, r)
                .header("MicrosoftSharePointTeamServices", VERSION)
                .header("SPRequestGuid", r.requestId())
                .header("X-SharePointHealthScore", "0")
                .header("SPRequestDuration", Long.toString(Math.round(r.delay().appliedMs())))
                .header("X-GeoDNS-Farm", r.site().id());
        if (t != null) {
            reply.header("X-GeoDNS-Tenant", t.id() + " (" + r.target().tenantSource() + ")");
            reply.header("X-GeoDNS-Tenant-Home", t.home());
        }
        return reply;
    }
}
