package dev.geodns.server.faults;

import java.util.Locale;

/**
 * What a fault rule does to a matching query, in the manner of MockWebServer's {@code SocketPolicy}:
 * each value is one way an authority misbehaves, for testing how clients and resolvers cope.
 */
public enum Fault {
    /** No answer at all: the client times out (and, if it retries, asks again). */
    DROP,
    /**
     * The answer is sent after a fixed delay, plus up to a jitter drawn per query. Scheduled on the
     * listener's event loop: the loop keeps serving other queries meanwhile.
     */
    DELAY,
    /** An empty answer with rcode SERVFAIL (2): the authority failed (resolvers may serve stale). */
    SERVFAIL,
    /** An empty answer with rcode REFUSED (5): the authority will not answer this client. */
    REFUSED,
    /**
     * Over UDP only: the header and question with TC=1 and no records, as if the answer did not fit;
     * the client should ask again over TCP. Rules with this fault never match TCP queries.
     */
    TRUNCATE,
    /** The right answer under another message ID (the query's plus one): clients must discard it. */
    WRONG_ID;

    /** The lower-case name used by the admin API, the metrics and {@code explain}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@link #tag()} (or the constant's name), case-insensitively. */
    public static Fault fromTag(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Fault f : values()) {
            if (f.name().equals(t)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + text + "' (one of drop, delay, servfail, refused,"
                + " truncate, wrong-id)");
    }
}
