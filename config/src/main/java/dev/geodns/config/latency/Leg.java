package dev.geodns.config.latency;

import java.util.Locale;

/**
 * One stretch of the modelled path, with its round-trip time.
 *
 * @param kind what the leg is
 * @param stretch the route-stretch factor applied
 */
public record Leg(Kind kind, Point from, Point to, double distanceKm, double stretch, double rttMs) {

    /** The kinds of leg, in the order a packet takes them. */
    public enum Kind {
        /** Client to the corporate office through a full VPN tunnel. */
        TUNNEL,
        /** To the site reached (from the client, or from the office for a full tunnel). */
        ACCESS,
        /** Provider backbone: the front door proxying to the tenant's mailbox datacenter (Exchange). */
        BACKBONE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
