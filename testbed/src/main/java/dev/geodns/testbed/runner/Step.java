package dev.geodns.testbed.runner;

import java.util.List;

/**
 * One step of a resolution as the emulated resolver took it: a query sent to the server, or an
 * answer served from the resolver's cache.
 *
 * @param fromCache true when answered from the cache (no packet sent)
 * @param timeSeconds the virtual time of the step
 * @param name the name asked, absolute
 * @param type the record type asked ({@code A}, {@code AAAA}, or {@code CNAME} for a cached alias)
 * @param source the resolver's source address the query left from (null for cache steps)
 * @param ecsSent the ECS subnet sent, e.g. {@code 127.0.6.0/24}, or null
 * @param ecsScope the SCOPE PREFIX-LENGTH of the reply's ECS option, or null when it had none
 * @param rcode the reply's rcode name ({@code NOERROR}, {@code NXDOMAIN}...); {@code TIMEOUT} when none came
 * @param answers the answer records (for cache steps with their remaining TTL)
 * @param decision the server's routing decision for this query, when the testbed's in-process server
 *     routed it; else null
 */
public record Step(
        boolean fromCache,
        double timeSeconds,
        String name,
        String type,
        String source,
        String ecsSent,
        Integer ecsScope,
        String rcode,
        List<Answer> answers,
        Decision decision) {
    public Step {
        answers = List.copyOf(answers);
    }

    /** A step whose routing decision is not (yet) known. */
    public Step(boolean fromCache, double timeSeconds, String name, String type, String source, String ecsSent,
            Integer ecsScope, String rcode, List<Answer> answers) {
        this(fromCache, timeSeconds, name, type, source, ecsSent, ecsScope, rcode, answers, null);
    }

    /** This step with the server's routing decision. */
    public Step withDecision(Decision d) {
        return new Step(fromCache, timeSeconds, name, type, source, ecsSent, ecsScope, rcode, answers, d);
    }

    /** One answer record. */
    public record Answer(String name, String type, long ttl, String data) {
        @Override
        public String toString() {
            return name + " " + ttl + " " + type + " " + data;
        }
    }
}
