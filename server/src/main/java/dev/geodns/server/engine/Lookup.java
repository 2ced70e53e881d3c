package dev.geodns.server.engine;

/**
 * Where the lookup of one name ended (RFC 1034 4.3.2 step 3, RFC 4592 for wildcards): the one
 * result of the walk that both the engine (for the question) and {@link AnswerBuilder} (for each
 * CNAME target) take. A mutable holder, reused per thread so that the walk allocates nothing.
 */
final class Lookup {
    /** The possible ends of the walk. */
    enum Outcome {
        /** The name exists in a zone we serve: {@link #node} is it. */
        EXACT,
        /** The name does not exist, a wildcard covers it: {@link #node} is the source of synthesis. */
        WILDCARD,
        /** The name is at or below a delegation: {@link #node} is the cut (topmost delegation point). */
        REFERRAL,
        /** The name does not exist in {@link #zone}, and no wildcard covers it. */
        NXDOMAIN,
        /** The name is outside every zone we serve. */
        REFUSED
    }

    Outcome outcome;
    Node node;
    Zone zone;

    void set(Outcome outcome, Node node, Zone zone) {
        this.outcome = outcome;
        this.node = node;
        this.zone = zone;
    }

    /** Whether the answer comes from a node's data (exact or synthesized from a wildcard). */
    boolean hasNode() {
        return outcome == Outcome.EXACT || outcome == Outcome.WILDCARD;
    }

    /** The routing that decides this answer, or null when none does. */
    Binding binding() {
        return hasNode() ? node.binding : null;
    }
}
