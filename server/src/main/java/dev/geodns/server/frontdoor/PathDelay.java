package dev.geodns.server.frontdoor;

import dev.geodns.config.latency.LatencyModel;
import dev.geodns.config.latency.Leg;
import dev.geodns.config.latency.Point;
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
 * mailbox for Exchange; then the optional jitter and loss knobs. Immutable.
 *
 * @param location what the locator said
 * @param client the point measured from
 * @param standIn the site standing in for an unplaced client, else null
 * @param legs the model's legs
 * @param modelMs the model's round trip, the sum of the legs
 * @param jitterMs extra delay drawn from the jitter knob
 * @param lossMs extra delay for a request picked by the loss knob (one retransmission timeout)
 */
record PathDelay(Location location, Point client, Site standIn, List<Leg> legs, double modelMs, double jitterMs,
        double lossMs) {

    /** Linux's minimum TCP retransmission timeout: what a lost segment costs at least. */
    static final double MIN_RTO_MS = 200;

    /** The delay applied, in milliseconds. */
    double appliedMs() {
        return modelMs + jitterMs + lossMs;
    }

    long appliedNanos() {
        return Math.round(appliedMs() * 1_000_000);
    }

    /**
     * Computes the delay of a request from {@code client} to {@code site}.
     *
     * @param mailbox the datacenter an Exchange front end proxies to, or null
     * @param standIn the cloud's default site, used when the client cannot be located (null: no delay from it)
     */
    static PathDelay compute(LatencyModel model, Locator locator, InetAddress client, Site site, Site mailbox,
            Site standIn, double jitterKnobMs, double lossRate) {
        Location location = locator.locate(client);
        Point from;
        Site usedStandIn = null;
        if (location.known()) {
            from = Point.of(location.place());
        } else {
            usedStandIn = standIn != null ? standIn : site;
            from = Point.of(usedStandIn.place());
        }
        List<Leg> legs = model.path(from, null, site, mailbox);
        double modelMs = LatencyModel.total(legs);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        double jitter = jitterKnobMs > 0 ? random.nextDouble() * jitterKnobMs : 0;
        // A lost segment waits one retransmission timeout (at least 200 ms on Linux, RTT on top) and is sent again.
        double loss = lossRate > 0 && random.nextDouble() < lossRate ? MIN_RTO_MS + modelMs : 0;
        return new PathDelay(location, from, usedStandIn, legs, modelMs, jitter, loss);
    }
}
