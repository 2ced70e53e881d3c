package dev.geodns.server.frontdoor;

import dev.geodns.config.latency.LatencyModel;
import dev.geodns.config.model.Site;
import java.net.InetSocketAddress;

/**
 * One request as a front door sees it, with everything decided about it: the site answering, the
 * addresses, what it is for, the delay and the DNS decision it followed. Immutable.
 *
 * @param scheme {@code http} or {@code https}
 * @param protocol {@code HTTP/1.1}, {@code HTTP/1.0} or {@code HTTP/2}
 * @param requestId a fresh UUID, sent back as {@code request-id} (and {@code SPRequestGuid} for SharePoint)
 */
record FrontRequest(
        Site site,
        InetSocketAddress local,
        InetSocketAddress remote,
        String scheme,
        String protocol,
        String method,
        String host,
        String path,
        RequestTarget target,
        PathDelay delay,
        RecentDecisions.Found decision,
        LatencyModel model,
        String requestId) {

    /** The site as headers and pages name it: {@code fra (FRA, Frankfurt, DE)}. */
    String siteLabel() {
        return site.id() + " (" + site.code() + ", " + site.place().label() + ")";
    }

    /**
     * Where the client was placed, for headers: {@code Sydney, AU (lab-network 127.0.4.0/24)}; the
     * located place is a tunnel's office when the request came through one (see {@code X-GeoDNS-Tunnel}).
     */
    String clientPlace() {
        if (delay.standIn() != null) {
            return "unknown (stand-in: " + delay.standIn().id() + ")";
        }
        String network = delay.location().network();
        return delay.location().place().label() + " (" + origin() + (network == null ? "" : " " + network) + ")";
    }

    /** The locator source as a tag: {@code lab-network}, {@code geoip} or {@code unknown}. */
    String origin() {
        return delay.location().origin().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
