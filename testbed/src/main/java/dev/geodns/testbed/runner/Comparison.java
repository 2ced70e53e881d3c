package dev.geodns.testbed.runner;

import dev.geodns.testbed.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One scenario played by several resolver softwares ({@code run SCENARIO --resolver-kind all}): a run
 * per software, and the matrix that sets them side by side: per client, lookup and round the site
 * each reached (with cache, ECS and scope), and per event when each client moved. Where softwares
 * disagree the comparison says so ({@link #findings()}): that is a fact about resolvers, which
 * expectations may state per software. Immutable.
 *
 * @param scenario the scenario as written (its resolvers' software as the file says)
 * @param entries one per software asked for, in order; the emulated resolver first
 */
public record Comparison(Scenario scenario, Instant startedAt, Duration wallTime, List<Entry> entries) {
    public Comparison {
        entries = List.copyOf(entries);
    }

    /**
     * One software's part.
     *
     * @param software {@code emulated}, {@code unbound}, ...
     * @param run its run, or null when it did not run
     * @param unavailable why it did not run (not installed, naming the Debian package; or the scenario
     *     asks what this software cannot do), else null
     */
    public record Entry(String software, RunResult run, String unavailable) {
        public boolean ran() {
            return run != null;
        }
    }

    /** One software's answer to one client lookup in one round. */
    public record Cell(String software, LookupResult result) {
    }

    /** One client lookup in one round, across softwares (cells only of the softwares that ran). */
    public record Row(String client, String lookup, int round, List<Cell> cells) {
        public Row {
            cells = List.copyOf(cells);
        }

        /** True when softwares that reached a site did not all reach the same one. */
        public boolean differs() {
            return cells.stream().map(c -> c.result().site()).filter(Objects::nonNull).map(s -> s.id()).distinct()
                    .count() > 1;
        }
    }

    /**
     * After one event, when one client lookup's answer changed, per software.
     *
     * @param event {@code drain fra} or {@code restore fra}
     * @param round the first round that saw the event
     * @param times per software that ran: the change, or null when that software's client had no
     *     site in the round before the event
     */
    public record EventMove(String event, int round, String client, String lookup, Map<String, Change> times) {
        public EventMove {
            times = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(times));
        }

        /** True when the softwares did not all move in the same round, or to the same site. */
        public boolean differs() {
            return times.values().stream().filter(Objects::nonNull).map(c -> c.round() + "" + c.to()).distinct()
                    .count() > 1;
        }
    }

    /**
     * How one software's client lookup changed after an event.
     *
     * @param from the site in the round before the event
     * @param to the first other site after it, or null when it never changed (before the next event)
     * @param round the round of that answer, or null
     * @param seconds from the event to that answer, or null
     */
    public record Change(String from, String to, Integer round, Double seconds) {
    }

    public enum Status { PASSED, FAILED, SKIPPED }

    /** Failed when any software's run failed an expectation; skipped when any skipped lookups. */
    public Status status() {
        List<RunResult> runs = runs();
        if (runs.stream().anyMatch(r -> r.status() == RunResult.Status.FAILED)) {
            return Status.FAILED;
        }
        return runs.stream().anyMatch(r -> r.status() == RunResult.Status.SKIPPED) ? Status.SKIPPED : Status.PASSED;
    }

    public List<RunResult> runs() {
        return entries.stream().filter(Entry::ran).map(Entry::run).toList();
    }

    /** The softwares that ran, in order. */
    public List<String> softwares() {
        return entries.stream().filter(Entry::ran).map(Entry::software).toList();
    }

    /** Per client lookup and round (in the scenario's order), every software's result. */
    public List<Row> matrix() {
        Map<List<Object>, List<Cell>> rows = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (!e.ran()) {
                continue;
            }
            for (LookupResult r : e.run().results()) {
                rows.computeIfAbsent(List.of(r.round(), r.client().id(), r.lookup().text()), k -> new ArrayList<>())
                        .add(new Cell(e.software(), r));
            }
        }
        List<Row> out = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Cell>> r : rows.entrySet()) {
            out.add(new Row((String) r.getKey().get(1), (String) r.getKey().get(2), (Integer) r.getKey().get(0),
                    r.getValue()));
        }
        return out;
    }

    /**
     * For every event and client lookup: when the answer first differed from the round before the
     * event, per software (until the next event, or the end of the run).
     */
    public List<EventMove> eventMoves() {
        List<EventMove> out = new ArrayList<>();
        List<RunResult> runs = runs();
        if (runs.isEmpty()) {
            return out;
        }
        List<AppliedEvent> events = runs.get(0).events();
        for (int i = 0; i < events.size(); i++) {
            AppliedEvent ev = events.get(i);
            int until = i + 1 < events.size() ? events.get(i + 1).round() : Integer.MAX_VALUE;
            for (dev.geodns.testbed.scenario.ClientSpec c : scenario.clients()) {
                for (dev.geodns.testbed.scenario.Lookup l : c.lookups()) {
                    Map<String, Change> times = new LinkedHashMap<>();
                    for (Entry e : entries) {
                        if (e.ran()) {
                            times.put(e.software(), change(e.run(), i, until, c.id(), l.text()));
                        }
                    }
                    if (times.values().stream().anyMatch(Objects::nonNull)) {
                        out.add(new EventMove(ev.event().describe(), ev.round(), c.id(), l.text(), times));
                    }
                }
            }
        }
        return out;
    }

    private static Change change(RunResult run, int eventIndex, int until, String client, String lookup) {
        AppliedEvent ev = run.events().get(eventIndex);
        if (ev.round() == 0) {
            return null;
        }
        LookupResult before = run.result(client, lookup, ev.round() - 1).orElse(null);
        if (before == null || before.site() == null) {
            return null;
        }
        for (int round = ev.round(); round < Math.min(until, run.scenario().rounds()); round++) {
            LookupResult r = run.result(client, lookup, round).orElse(null);
            if (r != null && r.site() != null && !r.site().id().equals(before.site().id())) {
                return new Change(before.site().id(), r.site().id(), round, r.timeSeconds() - ev.timeSeconds());
            }
        }
        return new Change(before.site().id(), null, null, null);
    }

    /**
     * Where the softwares disagree, one line each: the rounds whose sites differ, and the events
     * after which clients moved at different times.
     */
    public List<String> findings() {
        List<String> out = new ArrayList<>();
        for (EventMove m : eventMoves()) {
            if (m.differs()) {
                out.add(m.client() + " " + m.lookup() + " after " + m.event() + " (round " + m.round() + "): "
                        + movesGrouped(m.times()));
            }
        }
        for (Row r : matrix()) {
            if (r.differs()) {
                Map<String, LookupResult> bySoftware = new LinkedHashMap<>();
                r.cells().forEach(c -> bySoftware.put(c.software(), c.result()));
                out.add(r.client() + " " + r.lookup() + " round " + r.round() + ": reached "
                        + grouped(bySoftware, x -> x.site() == null ? "no site" : x.site().id()));
            }
        }
        return out;
    }

    /** {@code moved to hhn after 6.0 s (round 1)}, {@code stayed on fra}. */
    public static String describe(Change c) {
        if (c == null) {
            return "no site before";
        }
        if (c.to() == null) {
            return "stayed on " + c.from();
        }
        return "moved to " + c.to() + " after " + String.format(java.util.Locale.ROOT, "%.1f", c.seconds())
                + " s (round " + c.round() + ")";
    }

    /**
     * {@code moved to hhn in round 3 (emulated 28.0 s, unbound 28.1 s); moved to hhn in round 1
     * (dnsmasq 6.0 s)}: softwares grouped by where and in which round they moved (wall-clock times
     * differ by milliseconds).
     */
    private static String movesGrouped(Map<String, Change> bySoftware) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        bySoftware.forEach((software, c) -> {
            String key = c == null ? "no site before" : c.to() == null ? "stayed on " + c.from()
                    : "moved to " + c.to() + " in round " + c.round();
            String who = c == null || c.seconds() == null ? software
                    : software + " " + String.format(java.util.Locale.ROOT, "%.1f s", c.seconds());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(who);
        });
        List<String> parts = new ArrayList<>();
        groups.forEach((t, who) -> parts.add(t + " (" + String.join(", ", who) + ")"));
        return String.join("; ", parts);
    }

    /** {@code fra (emulated, unbound); hhn (dnsmasq)}: softwares grouped by what they showed. */
    private static <T> String grouped(Map<String, T> bySoftware, java.util.function.Function<T, String> text) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        bySoftware.forEach((software, v) -> groups.computeIfAbsent(text.apply(v), k -> new ArrayList<>()).add(software));
        List<String> parts = new ArrayList<>();
        groups.forEach((t, softwares) -> parts.add(t + " (" + String.join(", ", softwares) + ")"));
        return String.join("; ", parts);
    }
}
