package dev.geodns.server.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link RoutingPolicy} chose and why: the candidates in the policy's order of preference,
 * the position of the chosen one, and whether the choice depended on the asker's location.
 * Immutable.
 *
 * <p>The candidates before the chosen position were skipped because they were drained. When every
 * candidate is drained the first preference answers anyway ({@link #allDrained()}): a client always
 * gets an answer, and the decision says it went to a drained site.
 */
public final class SiteChoice {
    private final int[] preference;
    private final int position;
    private final boolean allDrained;
    private final boolean dependsOnLocation;

    private SiteChoice(int[] preference, int position, boolean allDrained, boolean dependsOnLocation) {
        this.preference = preference;
        this.position = position;
        this.allDrained = allDrained;
        this.dependsOnLocation = dependsOnLocation;
    }

    /**
     * The choice of {@code preference}'s first site, made once for a policy to keep and choose
     * from with {@link #firstLive}: while the first preference is not drained, that returns this
     * very object, so a query allocates nothing.
     *
     * @param preference site indexes, most preferred first; kept, never modified, never empty
     * @param dependsOnLocation whether another location could have given another order
     */
    public static SiteChoice ranked(int[] preference, boolean dependsOnLocation) {
        if (preference.length == 0) {
            throw new IllegalArgumentException("no candidate to choose from");
        }
        return new SiteChoice(preference, 0, false, dependsOnLocation);
    }

    /**
     * The first live site of this choice's preference order, or the first one when all are
     * drained: this object when its own choice stands, else a new one.
     */
    public SiteChoice firstLive(DrainView drain) {
        for (int i = 0; i < preference.length; i++) {
            if (!drain.isDrained(preference[i])) {
                return i == position && !allDrained ? this : new SiteChoice(preference, i, false, dependsOnLocation);
            }
        }
        return allDrained ? this : new SiteChoice(preference, 0, true, dependsOnLocation);
    }

    /** The chosen site's index (in the compiled world's numbering). */
    public int site() {
        return preference[position];
    }

    /** The chosen site's position in the preference order (0 = first preference). */
    public int position() {
        return position;
    }

    /** How many candidates the policy ranked. */
    public int candidateCount() {
        return preference.length;
    }

    /** The site index of the {@code i}-th preference. */
    public int candidate(int i) {
        return preference[i];
    }

    /** The candidates' site indexes, most preferred first. */
    public List<Integer> candidates() {
        List<Integer> out = new ArrayList<>(preference.length);
        for (int p : preference) {
            out.add(p);
        }
        return out;
    }

    /** The site indexes skipped because they were drained (all of them when {@link #allDrained()}). */
    public List<Integer> drainedSkipped() {
        List<Integer> out = new ArrayList<>();
        int end = allDrained ? preference.length : position;
        for (int i = 0; i < end; i++) {
            out.add(preference[i]);
        }
        return out;
    }

    /** True when every candidate was drained and the first preference answered anyway. */
    public boolean allDrained() {
        return allDrained;
    }

    /** True when another asker location could have produced another answer (ECS scope > 0). */
    public boolean dependsOnLocation() {
        return dependsOnLocation;
    }
}
