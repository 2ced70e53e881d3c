package dev.geodns.testbed.model;

import dev.geodns.config.model.Site;
import dev.geodns.config.model.Tenant;
import dev.geodns.config.model.World;
import dev.geodns.server.geo.GreatCircle;
import dev.geodns.testbed.scenario.ClientSpec;
import dev.geodns.testbed.scenario.Format;
import dev.geodns.testbed.scenario.Lookup;
import dev.geodns.testbed.scenario.ModelSettings;
import dev.geodns.testbed.scenario.ResolverSpec;
import dev.geodns.testbed.scenario.Where;
import java.util.ArrayList;
import java.util.List;

/**
 * The latency model, deliberately simple and always printed with its constants: a leg of
 * great-circle length d km costs a round trip of {@code 2 * d / fibreKmPerMs * stretch} ms.
 * Light in fibre covers about 200 km per ms one way (refractive index about 1.5); real routes are
 * longer than the great circle, hence the stretch factor. A path is the sum of its legs: client ->
 * site; or, through a full VPN tunnel, client -> office -> site; plus, for services whose front door
 * proxies to the mailbox (Exchange), front door -> tenant's mailbox datacenter on the backbone.
 * Queueing, serialisation, TLS and server time are left out: the model compares paths, it does not
 * predict a ping. Immutable, thread-safe.
 */
public final class LatencyModel {
    private final ModelSettings settings;

    public LatencyModel(ModelSettings settings) {
        this.settings = settings;
    }

    public ModelSettings settings() {
        return settings;
    }

    /** Round trip over {@code km} of great circle at {@code stretch}. */
    public double rttMs(double km, double stretch) {
        return 2 * km / settings.fibreKmPerMs() * stretch;
    }

    /** The formula as one line, with the constants filled in, for reports. */
    public String formula() {
        return "rtt_ms = sum over legs of 2 * distance_km / " + Format.number(settings.fibreKmPerMs())
                + " * stretch (internet stretch " + Format.number(settings.stretch()) + ", backbone stretch "
                + Format.number(settings.backboneStretch()) + ")";
    }

    /**
     * The legs from {@code client} to {@code site} through {@code resolver}'s VPN (when full tunnel),
     * plus the backbone leg for the lookup's service and tenant where that applies.
     *
     * @param resolver the resolver used; null or a local one = no tunnel
     */
    public List<Leg> path(World world, ClientSpec client, ResolverSpec resolver, Lookup lookup, Site site) {
        List<Leg> legs = new ArrayList<>();
        Where to = Where.of(site.place());
        if (resolver != null && resolver.fullTunnel()) {
            legs.add(leg(Leg.Kind.TUNNEL, client.place(), resolver.office(), settings.stretch()));
            legs.add(leg(Leg.Kind.ACCESS, resolver.office(), to, settings.stretch()));
        } else {
            legs.add(leg(Leg.Kind.ACCESS, client.place(), to, settings.stretch()));
        }
        Site mailbox = mailboxSite(world, lookup);
        if (mailbox != null) {
            legs.add(leg(Leg.Kind.BACKBONE, to, Where.of(mailbox.place()), settings.backboneStretch()));
        }
        return legs;
    }

    /** The datacenter an Exchange-like front door proxies to for this lookup, or null when none applies. */
    public Site mailboxSite(World world, Lookup lookup) {
        if (lookup.service() == null || lookup.tenant() == null
                || !settings.backboneServices().contains(lookup.service())) {
            return null;
        }
        Tenant t = world.tenant(lookup.tenant()).orElse(null);
        if (t == null) {
            return null;
        }
        String id = t.mailbox() != null ? t.mailbox() : t.home();
        return world.site(id).orElse(null);
    }

    private Leg leg(Leg.Kind kind, Where from, Where to, double stretch) {
        double km = GreatCircle.distanceKm(from.latitude(), from.longitude(), to.latitude(), to.longitude());
        return new Leg(kind, from, to, km, stretch, rttMs(km, stretch));
    }

    /** Total round trip of a path. */
    public static double total(List<Leg> legs) {
        return legs.stream().mapToDouble(Leg::rttMs).sum();
    }
}
