package dev.geodns.testbed.report;

import dev.geodns.testbed.runner.Comparison;
import dev.geodns.testbed.runner.ExpectationResult;
import dev.geodns.testbed.runner.RunResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The terminal report of a comparison ({@code --resolver-kind all}): the softwares, one matrix row per
 * client lookup and round with a column per software (site, cache, ECS at the emulator, scope), when
 * each client moved after each event, the findings, and each software's expectations.
 */
final class ComparisonTable {
    private ComparisonTable() {
    }

    static String render(Comparison c) {
        StringBuilder out = new StringBuilder();
        out.append("scenario ").append(c.scenario().name()).append(" (").append(c.scenario().source())
                .append("), compared across resolver software\n");
        out.append("  ").append(c.scenario().description()).append('\n');
        out.append("softwares:\n");
        for (Comparison.Entry e : c.entries()) {
            out.append("  ").append(e.software()).append(": ");
            if (!e.ran()) {
                out.append("not run: ").append(e.unavailable());
            } else {
                out.append(TableReport.summary(e.run())).append(" (").append(e.run().clock()).append(" clock, ")
                        .append(e.run().wallTime().toMillis()).append(" ms)");
            }
            out.append('\n');
        }
        List<String> softwares = c.softwares();
        out.append("\nper lookup: site (! = drained at the time), cache hit/miss, ECS at the emulator, scope"
                + " returned\n");
        List<String[]> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("round", "client", "lookup"));
        head.addAll(softwares);
        head.add("notes");
        rows.add(head.toArray(String[]::new));
        for (Comparison.Row r : c.matrix()) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(r.round()), r.client(), r.lookup()));
            for (String software : softwares) {
                row.add(r.cells().stream().filter(x -> x.software().equals(software)).findFirst()
                        .map(x -> Text.cell(x.result())).orElse("-"));
            }
            row.add(r.differs() ? "<< differs" : "");
            rows.add(row.toArray(String[]::new));
        }
        out.append(TableReport.columns(rows));
        List<Comparison.EventMove> moves = c.eventMoves();
        if (!moves.isEmpty()) {
            out.append("\nafter the events (time from the event to the first answer with another site):\n");
            List<String[]> mrows = new ArrayList<>();
            List<String> mhead = new ArrayList<>(List.of("event", "client", "lookup"));
            mhead.addAll(softwares);
            mhead.add("notes");
            mrows.add(mhead.toArray(String[]::new));
            for (Comparison.EventMove m : moves) {
                List<String> row = new ArrayList<>(List.of(m.event() + " (round " + m.round() + ")", m.client(),
                        m.lookup()));
                for (String software : softwares) {
                    row.add(Comparison.describe(m.times().get(software)));
                }
                row.add(m.differs() ? "<< differs" : "");
                mrows.add(row.toArray(String[]::new));
            }
            out.append(TableReport.columns(mrows));
        }
        List<String> findings = c.findings();
        out.append("\nfindings (where the softwares differ):\n");
        if (findings.isEmpty()) {
            out.append("  none: every software reached the same sites at the same rounds\n");
        }
        for (String f : findings) {
            out.append("  ").append(f).append('\n');
        }
        for (Comparison.Entry e : c.entries()) {
            if (!e.ran() || e.run().expectations().isEmpty()) {
                continue;
            }
            RunResult run = e.run();
            out.append("\nexpectations with ").append(e.software()).append(":\n");
            for (ExpectationResult x : run.expectations()) {
                out.append("  ").append(TableReport.label(x)).append(' ').append(x.expectation().describe()).append('\n');
                for (String f : x.failures()) {
                    out.append("       ").append(f).append('\n');
                }
            }
        }
        out.append("\n").append(switch (c.status()) {
            case PASSED -> "every software met its expectations";
            case FAILED -> "FAILED: expectations failed with " + String.join(", ", c.entries().stream()
                    .filter(e -> e.ran() && e.run().failedExpectations() > 0).map(Comparison.Entry::software).toList());
            case SKIPPED -> "SKIPPED: " + String.join("; ", c.runs().stream().flatMap(r -> r.skipReasons().stream())
                    .distinct().toList());
        }).append('\n');
        return out.toString();
    }
}
