package dev.geodns.testbed.runner;

import dev.geodns.config.model.Site;
import dev.geodns.testbed.model.LatencyModel;
import dev.geodns.testbed.model.Leg;
import dev.geodns.testbed.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a scenario run produced, ready for any report format. Immutable.
 *
 * @param server how the server was reached, e.g. {@code in-process 127.0.0.1:40123}
 * @param results in run order: round, then client, then lookup
 */
public record RunResult(
        Scenario scenario,
        LatencyModel model,
        String server,
        boolean inProcess,
        Instant startedAt,
        Duration wallTime,
        List<AppliedEvent> events,
        List<LookupResult> results,
        List<ExpectationResult> expectations) {
    public RunResult {
        events = List.copyOf(events);
        results = List.copyOf(results);
        expectations = List.copyOf(expectations);
    }

    /** True when every expectation held (a scenario without expectations passes). */
    public boolean passed() {
        return expectations.stream().allMatch(ExpectationResult::passed);
    }

    public long failedExpectations() {
        return expectations.stream().filter(e -> !e.passed()).count();
    }

    /** The result of a client's lookup (as written in the scenario) in a round. */
    public Optional<LookupResult> result(String client, String lookup, int round) {
        return results.stream().filter(r -> r.round() == round && r.client().id().equals(client)
                && r.lookup().text().equals(lookup)).findFirst();
    }

    /** The result of the last round. */
    public Optional<LookupResult> result(String client, String lookup) {
        return result(client, lookup, scenario.rounds() - 1);
    }

    /**
     * Every site that plays a part: reached by a client or its baseline, at the end of a backbone leg,
     * or named by an event; in world order.
     */
    public List<Site> sites() {
        Map<String, Boolean> ids = new LinkedHashMap<>();
        for (LookupResult r : results) {
            if (r.site() != null) {
                ids.put(r.site().id(), true);
            }
            if (r.baseline() != null && r.baseline().site() != null) {
                ids.put(r.baseline().site().id(), true);
            }
            for (Leg l : r.legs()) {
                if (l.kind() == Leg.Kind.BACKBONE && r.site() != null) {
                    Site mailbox = model.mailboxSite(scenario.world(), r.lookup());
                    if (mailbox != null) {
                        ids.put(mailbox.id(), true);
                    }
                }
            }
        }
        for (AppliedEvent e : events) {
            ids.put(e.event().site(), true);
        }
        return scenario.world().sites().stream().filter(s -> ids.containsKey(s.id())).toList();
    }
}
