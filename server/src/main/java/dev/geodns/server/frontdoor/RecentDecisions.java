package dev.geodns.server.frontdoor;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last few DNS decisions per client address, so a front door can say which decision the request
 * in front of it followed (the same client asked DNS for a name and was sent to this site). Fed by
 * whoever observes DNS answers ({@link #record}); read by the front doors ({@link #link}). Memory is
 * bounded: {@code maxClients} addresses (least recently recorded forgotten first), {@value #PER_CLIENT}
 * decisions each. Thread-safe.
 */
public final class RecentDecisions {
    static final int PER_CLIENT = 4;

    /** One DNS answer: {@code client} was sent to {@code siteId} for {@code name} at {@code nanos} ({@link System#nanoTime()}). */
    public record Decision(InetAddress client, String name, String siteId, long nanos) {
    }

    /** How a request relates to its client's recent DNS decisions. */
    public enum Link {
        /** A decision within the window sent this client to this very site. */
        MATCHED("matched"),
        /** The client's recent decisions named other sites only (a cached, pinned or foreign answer). */
        OTHER_SITE("other-site"),
        /** No decision of this client within the window. */
        NONE("none");

        private final String tag;

        Link(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    /** The link and the decision it rests on (the matching one, else the client's latest; null for NONE). */
    public record Found(Link link, Decision decision) {
    }

    private final long windowNanos;
    private final Map<InetAddress, Decision[]> byClient;

    public RecentDecisions(int maxClients, Duration window) {
        if (maxClients < 1) {
            throw new IllegalArgumentException("maxClients must be >= 1");
        }
        this.windowNanos = window.toNanos();
        this.byClient = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Decision[]> eldest) {
                return size() > maxClients;
            }
        };
    }

    /** Notes that {@code client} was answered with {@code siteId} for {@code name}. */
    public void record(InetAddress client, String name, String siteId, long nanos) {
        Decision d = new Decision(client, name, siteId, nanos);
        synchronized (byClient) {
            // Re-inserting moves the client to the young end, so active clients are kept.
            Decision[] ring = byClient.remove(client);
            if (ring == null) {
                ring = new Decision[PER_CLIENT];
            }
            System.arraycopy(ring, 0, ring, 1, PER_CLIENT - 1);
            ring[0] = d;
            byClient.put(client, ring);
        }
    }

    /** Which recent decision of {@code client}, if any, sent it to {@code siteId}. */
    public Found link(InetAddress client, String siteId, long nowNanos) {
        Decision latest = null;
        synchronized (byClient) {
            Decision[] ring = byClient.get(client);
            if (ring != null) {
                for (Decision d : ring) {
                    if (d == null || nowNanos - d.nanos() > windowNanos) {
                        break; // newest first: the rest are older still
                    }
                    if (d.siteId().equals(siteId)) {
                        return new Found(Link.MATCHED, d);
                    }
                    if (latest == null) {
                        latest = d;
                    }
                }
            }
        }
        return latest == null ? new Found(Link.NONE, null) : new Found(Link.OTHER_SITE, latest);
    }

    /** Clients remembered now. */
    public int clients() {
        synchronized (byClient) {
            return byClient.size();
        }
    }
}
