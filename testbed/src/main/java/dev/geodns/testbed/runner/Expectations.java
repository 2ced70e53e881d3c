package dev.geodns.testbed.runner;

import dev.geodns.config.model.Site;
import dev.geodns.testbed.scenario.Expectation;
import dev.geodns.testbed.scenario.Format;
import dev.geodns.testbed.scenario.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Checks a scenario's expectations against the results of a run. */
final class Expectations {
    private Expectations() {
    }

    /**
     * @param softwareOf the software id ({@code emulated}, {@code unbound}, ...) playing a resolver id,
     *     for expectations stated per software
     */
    static List<ExpectationResult> check(List<Expectation> expectations, List<LookupResult> results,
            Function<String, String> softwareOf) {
        List<ExpectationResult> out = new ArrayList<>();
        for (Expectation e : expectations) {
            int checked = 0;
            int skipped = 0;
            int notApplicable = 0;
            List<String> failures = new ArrayList<>();
            for (LookupResult r : results) {
                if (!r.client().id().equals(e.client()) || !r.lookup().text().equals(e.lookup())
                        || e.round() != null && e.round() != r.round()) {
                    continue;
                }
                if (!e.software().covers(softwareOf.apply(r.resolver()))) {
                    notApplicable++;
                    continue;
                }
                if (r.skipped() != null) {
                    skipped++;
                    continue;
                }
                checked++;
                String at = "round " + r.round() + ": ";
                Site s = r.site();
                boolean needsSite = !e.sites().isEmpty() || !e.notSites().isEmpty() || e.continent() != null
                        || e.cloud() != null || e.penaltyMs() != null || e.rttMs() != null || e.distanceKm() != null;
                if (s == null) {
                    if (needsSite) {
                        failures.add(at + "no site reached (" + r.error() + ")");
                    }
                    continue;
                }
                if (!e.sites().isEmpty() && !e.sites().contains(s.id())) {
                    failures.add(at + "reached " + s.id() + ", expected " + oneOf(e.sites()));
                }
                if (e.notSites().contains(s.id())) {
                    failures.add(at + "reached " + s.id() + ", expected anything but " + oneOf(e.notSites()));
                }
                if (e.continent() != null && !e.continent().equals(s.place().continent().name())) {
                    failures.add(at + "reached " + s.id() + " in " + s.place().continent() + ", expected continent "
                            + e.continent());
                }
                if (e.cloud() != null && !e.cloud().equals(s.cloud())) {
                    failures.add(at + "reached " + s.id() + " of cloud " + s.cloud() + ", expected cloud " + e.cloud());
                }
                range(failures, at, "penalty", r.penaltyMs(), e.penaltyMs(), "ms");
                range(failures, at, "rtt", r.rttMs(), e.rttMs(), "ms");
                range(failures, at, "distance", r.distanceKm(), e.distanceKm(), "km");
            }
            if (checked == 0 && skipped == 0 && notApplicable == 0) {
                failures.add("no result to check (round never ran?)");
            }
            out.add(new ExpectationResult(e, checked, failures, skipped, notApplicable));
        }
        return out;
    }

    private static void range(List<String> failures, String at, String what, double value, Range range, String unit) {
        if (range == null) {
            return;
        }
        if (Double.isNaN(value)) {
            failures.add(at + what + " unknown, expected " + range.describe() + " " + unit);
        } else if (!range.contains(value)) {
            failures.add(at + what + " " + Format.oneDecimal(value) + " " + unit + ", expected " + range.describe()
                    + " " + unit);
        }
    }

    private static String oneOf(List<String> ids) {
        return ids.size() == 1 ? ids.get(0) : "one of " + ids;
    }
}
