package dev.geodns.testbed.runner;

import dev.geodns.config.latency.LatencyModel;
import dev.geodns.config.latency.Leg;
import dev.geodns.config.model.Site;
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
 * @param wallClock true when times are seconds of the wall clock since the run began (a run with real
 *     resolvers, whose caches age in real time); false for the virtual clock of emulated runs
 * @param resolverRuns how each of the scenario's resolvers was played, in scenario order
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
        List<ExpectationResult> expectations,
        boolean wallClock,
        List<ResolverRun> resolverRuns) {
    public RunResult {
        events = List.copyOf(events);
        results = List.copyOf(results);
        expectations = List.copyOf(expectations);
        resolverRuns = List.copyOf(resolverRuns);
    }

    /** The outcome of a run: a failed expectation wins over skipped lookups. */
    public enum Status { PASSED, FAILED, SKIPPED }

    public Status status() {
        if (failedExpectations() > 0) {
            return Status.FAILED;
        }
        return skippedLookups() > 0 ? Status.SKIPPED : Status.PASSED;
    }

    /**
     * True when every expectation held and every lookup was made (a scenario without expectations
     * passes; one whose real resolver is not installed does not).
     */
    public boolean passed() {
        return status() == Status.PASSED;
    }

    public long failedExpectations() {
        return expectations.stream().filter(ExpectationResult::failed).count();
    }

    public long skippedExpectations() {
        return expectations.stream().filter(e -> e.status() == ExpectationResult.Status.SKIPPED).count();
    }

    /** Expectations stated for other resolver software than played this run's results. */
    public long notApplicableExpectations() {
        return expectations.stream().filter(e -> e.status() == ExpectationResult.Status.NOT_APPLICABLE).count();
    }

    /** Lookups not made because a real resolver or client tool could not run. */
    public long skippedLookups() {
        return results.stream().filter(r -> r.skipped() != null).count();
    }

    /** The distinct reasons lookups were skipped (each names the Debian package to install). */
    public List<String> skipReasons() {
        return results.stream().map(LookupResult::skipped).filter(java.util.Objects::nonNull).distinct().toList();
    }

    /** {@code virtual} or {@code wall}: the clock of {@link LookupResult#timeSeconds()} and event times. */
    public String clock() {
        return wallClock ? "wall" : "virtual";
    }

    /** How the resolver {@code id} was played. */
    public Optional<ResolverRun> resolverRun(String id) {
        return resolverRuns.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /**
     * For every drain, every client lookup that reached the drained site in the round before it: when
     * its answers moved to another site ({@link Move}), in event, then result order.
     */
    public List<Move> moves() {
        List<Move> out = new java.util.ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            AppliedEvent drain = events.get(i);
            if (drain.event().action() != dev.geodns.testbed.scenario.EventSpec.Action.DRAIN) {
                continue;
            }
            String site = drain.event().site();
            int until = Integer.MAX_VALUE; // the round that sees the site restored
            for (int j = i + 1; j < events.size(); j++) {
                AppliedEvent e = events.get(j);
                if (e.event().action() == dev.geodns.testbed.scenario.EventSpec.Action.RESTORE
                        && e.event().site().equals(site)) {
                    until = e.round();
                    break;
                }
            }
            if (until <= drain.round()) {
                continue;
            }
            Map<List<String>, LookupResult> before = new LinkedHashMap<>();
            for (LookupResult r : results) {
                if (r.round() < drain.round()) {
                    before.put(List.of(r.client().id(), r.lookup().text()), r);
                }
            }
            for (LookupResult last : before.values()) {
                if (last.site() == null || !last.site().id().equals(site)) {
                    continue;
                }
                int stale = 0;
                LookupResult moved = null;
                for (LookupResult r : results) {
                    if (r.round() < drain.round() || r.round() >= until || r.skipped() != null
                            || !r.client().id().equals(last.client().id()) || !r.lookup().text().equals(last.lookup().text())
                            || r.site() == null) {
                        continue;
                    }
                    if (r.site().id().equals(site)) {
                        stale++;
                    } else {
                        moved = r;
                        break;
                    }
                }
                out.add(new Move(site, drain.timeSeconds(), drain.round(), last.client().id(), last.lookup().text(),
                        last.resolver(), moved == null ? null : moved.site().id(),
                        moved == null ? null : moved.timeSeconds(), moved == null ? null : moved.round(), stale));
            }
        }
        return out;
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
                    Site mailbox = model.mailboxSite(scenario.world(), r.lookup().service(), r.lookup().tenant());
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
