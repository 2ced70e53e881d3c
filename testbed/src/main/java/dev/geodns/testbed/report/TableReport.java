package dev.geodns.testbed.report;

import dev.geodns.testbed.runner.AppliedEvent;
import dev.geodns.testbed.runner.ExpectationResult;
import dev.geodns.testbed.runner.LookupResult;
import dev.geodns.testbed.runner.Move;
import dev.geodns.testbed.runner.RunResult;
import dev.geodns.testbed.scenario.ClientSpec;
import dev.geodns.testbed.scenario.Format;
import dev.geodns.testbed.scenario.ResolverSpec;
import dev.geodns.testbed.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/** The terminal report: the scenario, the model's constants, one row per lookup, the expectations. */
final class TableReport {
    private TableReport() {
    }

    static String render(RunResult run) {
        Scenario s = run.scenario();
        StringBuilder out = new StringBuilder();
        out.append("scenario ").append(s.name()).append(" (").append(s.source()).append(")\n");
        out.append("  ").append(s.description()).append('\n');
        out.append("world ").append(s.world().name()).append(" (").append(s.worldSource()).append("); server ")
                .append(run.server()).append("; ").append(s.rounds()).append(s.rounds() == 1 ? " round" : " rounds");
        if (s.rounds() > 1) {
            out.append(" of ").append(Format.number(s.roundSeconds())).append(" s (virtual clock)");
        }
        out.append('\n');
        out.append(Text.clockLine(run)).append('\n');
        out.append("model:\n");
        for (String line : Text.modelLines(run)) {
            out.append("  ").append(line).append('\n');
        }
        out.append("resolvers:\n");
        for (ResolverSpec r : s.resolvers()) {
            out.append("  ").append(Text.resolver(r, run.resolverRun(r.id()).orElse(null))).append('\n');
        }
        out.append("clients:\n");
        for (ClientSpec c : s.clients()) {
            out.append("  ").append(c.id()).append(": at ").append(c.place().label()).append(", address ")
                    .append(c.address().getHostAddress()).append(", resolver ").append(c.resolver())
                    .append(c.tenant() == null ? "" : ", tenant " + c.tenant()).append('\n');
        }
        if (s.hasRealResolvers()) {
            out.append("stub client: ").append(s.stubClient()).append(" (asks the real resolvers from each client's"
                    + " own address, or its tunnel address for ecs tunnel-N)\n");
        }
        if (!run.events().isEmpty()) {
            out.append("events:\n");
            for (AppliedEvent e : run.events()) {
                out.append("  before round ").append(e.round()).append(": ").append(e.event().describe());
                if (run.wallClock()) {
                    out.append(" (applied at t=").append(Text.time(run, e.timeSeconds())).append("s)");
                }
                out.append('\n');
            }
        }
        out.append('\n');
        List<String[]> rows = new ArrayList<>();
        boolean rounds = s.rounds() > 1;
        List<String> head = new ArrayList<>(List.of("client", "lookup", "resolver", "path", "site", "site place", "km",
                "rtt ms", "local site", "local ms", "penalty", "cache", "ecs at emulator", "scope", "server decision",
                "notes"));
        if (rounds) {
            head.add(0, "t");
            head.add(0, "round");
        }
        rows.add(head.toArray(String[]::new));
        for (LookupResult r : run.results()) {
            List<String> row = new ArrayList<>(List.of(r.client().id(), r.lookup().text(), r.resolver(),
                    r.path().tag(), Text.site(r.site()), r.site() == null ? "-" : r.site().place().label(), Text.km(r.distanceKm()),
                    Text.ms(r.rttMs()), r.sameAsBaseline() ? "(same)" : Text.site(r.baseline().site()),
                    r.sameAsBaseline() ? "" : Text.ms(r.baseline().rttMs()), Text.penalty(r),
                    Text.cache(r.resolution()), Text.ecs(r.resolution()), Text.scope(r.resolution()),
                    Text.decision(r.resolution()), Text.notes(r)));
            if (rounds) {
                row.add(0, Text.time(run, r.timeSeconds()) + "s");
                row.add(0, String.valueOf(r.round()));
            }
            rows.add(row.toArray(String[]::new));
        }
        out.append(columns(rows));
        List<Move> moves = run.moves();
        if (!moves.isEmpty()) {
            out.append('\n').append("after the drains (time from the drain to the first answer with another site, ")
                    .append(run.clock()).append(" clock, measured at the lookups):\n");
            for (Move m : moves) {
                out.append("  ").append(Text.move(run, m)).append('\n');
            }
        }
        if (!run.expectations().isEmpty()) {
            out.append('\n').append("expectations:\n");
            for (ExpectationResult e : run.expectations()) {
                out.append("  ").append(label(e)).append(' ').append(e.expectation().describe()).append('\n');
                for (String f : e.failures()) {
                    out.append("       ").append(f).append('\n');
                }
            }
        }
        out.append('\n').append(summary(run)).append('\n');
        return out.toString();
    }

    static String label(ExpectationResult e) {
        return switch (e.status()) {
            case PASSED -> "PASS";
            case FAILED -> "FAIL";
            case SKIPPED -> "SKIP";
            case NOT_APPLICABLE -> "N/A ";
        };
    }

    static String summary(RunResult run) {
        long failed = run.failedExpectations();
        long skipped = run.skippedExpectations();
        long notApplicable = run.notApplicableExpectations();
        long ok = run.results().stream().filter(LookupResult::ok).count();
        long skippedLookups = run.skippedLookups();
        String line = run.results().size() + " lookups (" + ok + " reached a site"
                + (skippedLookups > 0 ? ", " + skippedLookups + " skipped" : "") + "), " + run.expectations().size()
                + " expectations: " + (run.expectations().size() - failed - skipped - notApplicable) + " passed, " + failed
                + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : "")
                + (notApplicable > 0 ? ", " + notApplicable + " for other software" : "");
        return switch (run.status()) {
            case PASSED -> line;
            case FAILED -> line + "  << FAILED";
            case SKIPPED -> line + "  << SKIPPED: " + String.join("; ", run.skipReasons());
        };
    }

    static String columns(List<String[]> rows) {
        int n = rows.get(0).length;
        int[] width = new int[n];
        for (String[] row : rows) {
            for (int i = 0; i < n; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < n; i++) {
                String cell = row[i];
                boolean numeric = i > 0 && (cell.matches("[+-]?[0-9.]+s?") || cell.equals("-")) && i != n - 1;
                String pad = " ".repeat(width[i] - cell.length());
                line.append(numeric ? pad + cell : cell + pad);
                if (i < n - 1) {
                    line.append("  ");
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
