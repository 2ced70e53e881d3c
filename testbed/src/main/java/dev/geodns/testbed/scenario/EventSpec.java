package dev.geodns.testbed.scenario;

/**
 * A timed change to the server: drain or restore a site, applied before the first round whose
 * virtual time is at or after {@link #atSeconds()}.
 *
 * @param round the first round that sees the change
 * @param atSeconds the virtual time of the change
 */
public record EventSpec(int round, double atSeconds, Action action, String site) {

    public enum Action { DRAIN, RESTORE }

    public String describe() {
        return action.name().toLowerCase(java.util.Locale.ROOT) + " " + site + " at " + Format.seconds(atSeconds);
    }
}
