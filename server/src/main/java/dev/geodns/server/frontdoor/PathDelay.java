package dev.geodns.server.frontdoor;

import dev.geodns.config.latency.LatencyModel;
import dev.geodns.config.latency.Leg;
import dev.geodns.config.latency.Point;
import dev.geodns.config.model.Place;
import dev.geodns.config.model.Site;
import dev.geodns.server.geo.Location;
import dev.geodns.server.geo.Locator;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The delay one request waits before its answer: the world's latency model over the path from where
 * the connection came from (located by the same locator as DNS: lab plan, then GeoIP; an unplaced
 * client stands at its cloud's default site, as DNS does) to the site, plus the backbone leg to the
 * mailbox for Exchange; then the optional jitter and loss knobs. When the connection came from a VPN
 * tunnel's exit ({@link TunnelExits}), the located place is the office and the path is the model's
 * tunnelled one: client -> office (tunnel leg), office -> site, backbone. Immutable.
 *
 * @param location what the locator said
 * @param client the point the connection entered the provider from (the office, for a tunnel)
 * @param tunnelFrom where the client behind a tunnel stands, else null
 * @param standIn the site standing in for an unplaced client, else null
 * @param legs the model's legs
 * @param modelMs the model's round trip, the sum of the legs
 * @param jitterMs extra delay drawn from the jitter knob
 * @param lossMs extra delay for a request picked by the loss knob (one retransmission timeout)
 */
record PathDelay(Location location, Point client, Point tunnelFrom, Site standIn, List<Leg> legs, double modelMs, double jitterMs,
        double lossMs) {

    /** Linux's minimum TCP retransmission timeout: what a lost segment costs at least. */
    static final double MIN_RTO_MS = 200;

    /** The delay applied, in milliseconds. */
    double appliedMs() {
        return modelMs + jitterMs + lossMs;
    }

    /** The round trip of the tunnel leg (client -> office), 0 when the request came through no tunnel. */
    double tunnelMs() {
        double ms = 0;
        for (Leg l : legs) {
            if (l.kind() == Leg.Kind.TUNNEL) {
                ms += l.rttMs();
            }
        }
        return ms;
    }

    long appliedNanos() {
        return Math.round(appliedMs() * 1_000_000);
    }

    /**
     * Computes the delay of a request from {@code client} to {@code site}.
     *
     * @param mailbox the datacenter an Exchange front end proxies to, or null
     * @param standIn the cloud's default site, used when the client cannot be located (null: no delay from it)
     * @param behindTunnel the place of the client when {@code client} is a tunnel's exit, else null; it
     *     counts only when the exit itself is located (that place is the office)
     */
    static PathDelay compute(LatencyModel model, Locator locator, InetAddress client, Site site, Site mailbox,
            Site standIn, Place behindTunnel, double jitterKnobMs, double lossRate) {
        Location location = locator.locate(client);
        Point from;
        Point tunnelFrom = null;
        Site usedStandIn = null;
        if (location.known()) {
            from = Point.of(location.place());
            tunnelFrom = behindTunnel == null ? null : Point.of(behindTunnel);
        } else {
            usedStandIn = standIn != null ? standIn : site;
            from = Point.of(usedStandIn.place());
        }
        // The same call, with the same points, as the testbed's modelled path: measured and modelled agree.
        List<Leg> legs = tunnelFrom == null ? model.path(from, null, site, mailbox)
                : model.path(tunnelFrom, from, site, mailbox);
        double modelMs = LatencyModel.total(legs);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        double jitter = jitterKnobMs > 0 ? random.nextDouble() * jitterKnobMs : 0;
        // A lost segment waits one retransmission timeout (at least 200 ms on Linux, RTT on top) and is sent again.
        double loss = lossRate > 0 && random.nextDouble() < lossRate ? MIN_RTO_MS + modelMs : 0;
        return new PathDelay(location, from, tunnelFrom, usedStandIn, legs, modelMs, jitter, loss);
    }
}
