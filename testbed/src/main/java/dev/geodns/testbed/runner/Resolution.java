package dev.geodns.testbed.runner;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * What a client got for one name: the addresses at the end of the CNAME chain, or why there are
 * none, and every step taken.
 *
 * <p>Through the emulated resolver the steps are its queries to the server and its cache hits.
 * Through a real resolver the steps are the queries the emulator received from the resolver's
 * pinned source while the client waited (their answers are not recorded: {@code answers} is empty),
 * and {@link #stubQueries()} holds what the client asked the resolver and got back.
 *
 * @param error null on success, else e.g. {@code NXDOMAIN from the server} or {@code timeout}
 * @param stubQueries the client's own queries to a real resolver (empty for the emulated resolver)
 * @param observed false when the emulator's queries could not be seen (a real resolver in front of a
 *     server not started by the testbed): then whether the cache answered and which ECS arrived is unknown
 * @param skipped why the lookup was not made (a real resolver or client tool is not installed), else null
 */
public record Resolution(List<InetAddress> addresses, List<Step> steps, String error, List<StubQuery> stubQueries,
        boolean observed, String skipped) {
    public Resolution {
        addresses = List.copyOf(addresses);
        steps = List.copyOf(steps);
        stubQueries = List.copyOf(stubQueries);
    }

    /** A resolution by the emulated resolver. */
    public Resolution(List<InetAddress> addresses, List<Step> steps, String error) {
        this(addresses, steps, error, List.of(), true, null);
    }

    /** A lookup that was not made, and why (the message names the Debian package to install). */
    public static Resolution skipped(String reason) {
        return new Resolution(List.of(), List.of(), null, List.of(), false, Objects.requireNonNull(reason));
    }

    /**
     * One query of the client to a real resolver, as the stub client saw it.
     *
     * @param tool {@code dnsjava}, {@code dig} or {@code kdig}
     * @param source the client's source address
     * @param resolver the resolver's {@code address:port}
     * @param rcode {@code NOERROR}, ..., or {@code TIMEOUT}
     * @param answers the answer section with the TTLs the resolver gave (counted down in its cache)
     */
    public record StubQuery(String tool, String source, String resolver, String name, String type, String rcode,
            List<Step.Answer> answers, double tookMs) {
        public StubQuery {
            answers = List.copyOf(answers);
        }
    }

    /** The same resolution with other steps (the runner adds the server's routing decisions). */
    public Resolution withSteps(List<Step> newSteps) {
        return new Resolution(addresses, newSteps, error, stubQueries, observed, skipped);
    }

    /** The routing decision of the last step the server routed, or null. */
    public Decision lastDecision() {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i).decision() != null) {
                return steps.get(i).decision();
            }
        }
        return null;
    }

    public boolean ok() {
        return skipped == null && error == null && !addresses.isEmpty();
    }

    /** True when no packet was sent: the whole chain came from the (emulated) cache. */
    public boolean fullyCached() {
        return !steps.isEmpty() && steps.stream().allMatch(Step::fromCache);
    }

    /** True when a real resolver answered (the client asked it with a stub). */
    public boolean viaRealResolver() {
        return !stubQueries.isEmpty();
    }

    /**
     * Whether the whole answer came from the resolver's cache: nothing reached the emulator for this
     * lookup. Null when unknown (skipped, or not observed).
     */
    public Boolean cacheHit() {
        if (skipped != null || !observed) {
            return null;
        }
        if (steps.isEmpty()) {
            return viaRealResolver() ? Boolean.TRUE : null;
        }
        return steps.stream().allMatch(Step::fromCache);
    }

    /** How many queries reached the emulator for this lookup; null when unknown. */
    public Integer upstreamQueries() {
        if (skipped != null || !observed) {
            return null;
        }
        return (int) steps.stream().filter(s -> !s.fromCache()).count();
    }

    /**
     * The ECS the emulator received for this lookup: {@code 127.0.6.0/24} (several distinct ones
     * joined by {@code ", "}), {@code none} when queries reached it without ECS, null when none
     * reached it (a cache hit) or when unknown.
     */
    public String ecsReceived() {
        if (skipped != null || !observed) {
            return null;
        }
        List<Step> upstream = steps.stream().filter(s -> !s.fromCache()).toList();
        if (upstream.isEmpty()) {
            return null;
        }
        List<String> ecs = upstream.stream().map(Step::ecsSent).filter(Objects::nonNull).distinct().toList();
        return ecs.isEmpty() ? "none" : String.join(", ", ecs);
    }

    /**
     * The largest ECS scope (SCOPE PREFIX-LENGTH) the emulator returned for this lookup: the
     * narrowest subnet any part of the answer is cached for. Null when no reply carried ECS.
     */
    public Integer ecsScope() {
        return steps.stream().filter(s -> !s.fromCache()).map(Step::ecsScope).filter(Objects::nonNull)
                .max(Integer::compare).orElse(null);
    }
}
