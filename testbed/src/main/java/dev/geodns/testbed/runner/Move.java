package dev.geodns.testbed.runner;

/**
 * After a site was drained, when one client's lookup stopped reaching it: the time between the drain
 * and the first answer with another site. Measured at the lookups' times, so its resolution is the
 * scenario's {@code round_seconds}; on the virtual clock for emulated resolvers, on the wall clock
 * when real resolvers are in the run.
 *
 * @param site the drained site
 * @param drainedAt when the drain was applied (seconds since the run began)
 * @param fromRound the first round that saw the drain
 * @param movedTo the site of the first answer after the drain that is not {@code site}, or null when
 *     the client never moved (before the run ended or the site was restored)
 * @param movedAt the time of that answer, or null
 * @param movedRound the round of that answer, or null
 * @param staleAnswers how many answers after the drain still pointed at the drained site
 */
public record Move(String site, double drainedAt, int fromRound, String client, String lookup, String resolver,
        String movedTo, Double movedAt, Integer movedRound, int staleAnswers) {

    /** Seconds from the drain to the first answer with another site, or null when it never came. */
    public Double seconds() {
        return movedAt == null ? null : movedAt - drainedAt;
    }
}
