package dev.geodns.config.latency;

import dev.geodns.config.model.Site;
import dev.geodns.config.model.Tenant;
import dev.geodns.config.model.World;
import java.util.ArrayList;
import java.util.List;

/**
 * The latency model of the world, deliberately simple and always stated with its constants: a leg of
 * great-circle length d km costs a round trip of {@code 2 * d / fibreKmPerMs * stretch} ms.
 * Light in fibre covers about 200 km per ms one way (refractive index about 1.5); real routes are
 * longer than the great circle, hence the stretch factor. A path is the sum of its legs: client ->
 * site; or, through a full VPN tunnel, client -> office -> site; plus, for services whose front door
 * proxies to the mailbox (Exchange), front door -> tenant's mailbox datacenter on the backbone.
 * Queueing, serialisation, TLS and server time are left out: the model compares paths, it does not
 * predict a ping. The testbed reports it and the front doors apply it: this is the one
 * implementation. Immutable, thread-safe.
 */
public final class LatencyModel {
    private final LatencySettings settings;

    public LatencyModel(LatencySettings settings) {
        this.settings = settings;
    }

    public LatencySettings settings() {
        return settings;
    }

    /** Round trip over {@code km} of great circle at {@code stretch}. */
    public double rttMs(double km, double stretch) {
        return 2 * km / settings.fibreKmPerMs() * stretch;
    }

    /** The formula as one line, with the constants filled in, for reports. */
    public String formula() {
        return "rtt_ms = sum over legs of 2 * distance_km / " + number(settings.fibreKmPerMs())
                + " * stretch (internet stretch " + number(settings.stretch()) + ", backbone stretch "
                + number(settings.backboneStretch()) + ")";
    }

    /**
     * The legs from {@code client} to {@code site}: through {@code office} first when the client's
     * traffic goes through a full VPN tunnel, then the backbone leg to {@code mailbox} when the front
     * door proxies there.
     *
     * @param office where a full tunnel leaves the corporate network, or null for no tunnel
     * @param mailbox the datacenter the front door proxies to (see {@link #mailboxSite}), or null
     */
    public List<Leg> path(Point client, Point office, Site site, Site mailbox) {
        List<Leg> legs = new ArrayList<>(3);
        Point to = Point.of(site.place());
        if (office != null) {
            legs.add(leg(Leg.Kind.TUNNEL, client, office, settings.stretch()));
            legs.add(leg(Leg.Kind.ACCESS, office, to, settings.stretch()));
        } else {
            legs.add(leg(Leg.Kind.ACCESS, client, to, settings.stretch()));
        }
        if (mailbox != null) {
            legs.add(leg(Leg.Kind.BACKBONE, to, Point.of(mailbox.place()), settings.backboneStretch()));
        }
        return legs;
    }

    /**
     * The datacenter a front door of {@code service} proxies to for {@code tenant}: the tenant's
     * mailbox (or home) site when the service is on the backbone, else null.
     */
    public Site mailboxSite(World world, String service, String tenant) {
        if (service == null || tenant == null || !settings.backboneServices().contains(service)) {
            return null;
        }
        Tenant t = world.tenant(tenant).orElse(null);
        if (t == null) {
            return null;
        }
        String id = t.mailbox() != null ? t.mailbox() : t.home();
        return world.site(id).orElse(null);
    }

    private Leg leg(Leg.Kind kind, Point from, Point to, double stretch) {
        double km = from.distanceKm(to);
        return new Leg(kind, from, to, km, stretch, rttMs(km, stretch));
    }

    /** Total round trip of a path. */
    public static double total(List<Leg> legs) {
        double sum = 0;
        for (Leg l : legs) {
            sum += l.rttMs();
        }
        return sum;
    }

    /** A constant as reports print it: no trailing zeros. */
    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
