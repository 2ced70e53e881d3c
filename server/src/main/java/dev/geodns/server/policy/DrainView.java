package dev.geodns.server.policy;

/**
 * Which sites are drained, as a policy reads it on the query path: by site index, without locks.
 * The routing layer's drain state implements it, so policies need nothing from routing.
 */
public interface DrainView {
    /** Whether the site with this index (in the compiled world's numbering) is drained. */
    boolean isDrained(int siteIndex);
}
