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
        List<Answer> answers) {
    public Step {
        answers = List.copyOf(answers);
    }

    /** One answer record. */
    public record Answer(String name, String type, long ttl, String data) {
        @Override
        public String toString() {
            return name + " " + ttl + " " + type + " " + data;
        }
    }
}
