package dev.geodns.testbed.report;

import dev.geodns.testbed.runner.Comparison;
import dev.geodns.testbed.runner.ExpectationResult;
import java.util.List;

/**
 * The HTML report of a comparison ({@code --resolver-kind all}): one self-contained XHTML page with
 * the softwares, the matrix (a column per software; cells where the softwares differ are marked
 * {@code data-differs}), the moves after each event, the findings, and each software's
 * expectations. Each software's own run is in the JSON report.
 */
final class ComparisonHtml {
    private static final String CSS = """
            body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:1.5em;color:#222;max-width:1200px}
            h2{margin-top:1.6em;border-bottom:1px solid #ccc}.meta{color:#555}
            .pass{color:#2e7d32;font-weight:bold}.fail{color:#c62828;font-weight:bold}.na{color:#777}
            table{border-collapse:collapse;font-size:0.9em}td,th{border:1px solid #ddd;padding:3px 6px;text-align:left}
            th{background:#f3f3f3}tr.differs td{background:#fff3e0}td.drained{color:#c62828}
            """;

    private ComparisonHtml() {
    }

    static String render(Comparison c) {
        Xml x = new Xml();
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n");
        x.open("html", "xmlns", "http://www.w3.org/1999/xhtml", "lang", "en");
        x.open("head");
        x.empty("meta", "charset", "UTF-8");
        x.element("title", "GeoDNS testbed: " + c.scenario().name() + " across resolver software");
        x.open("style").text(CSS).close("style");
        x.close("head");
        x.open("body");
        x.element("h1", "Scenario " + c.scenario().name() + " across resolver software");
        x.element("p", c.scenario().description());
        x.element("p", "run " + c.startedAt() + " in " + c.wallTime().toMillis() + " ms", "class", "meta");

        x.element("h2", "Softwares");
        x.open("ul");
        for (Comparison.Entry e : c.entries()) {
            x.open("li", "data-software", e.software());
            x.element("strong", e.software());
            x.text(": " + (e.ran() ? TableReport.summary(e.run()) + " (" + e.run().clock() + " clock)"
                    : "not run: " + e.unavailable()));
            x.close("li");
        }
        x.close("ul");

        List<String> softwares = c.softwares();
        x.element("h2", "Matrix");
        x.element("p", "Per lookup and software: the site reached (! = drained at the time), whether the resolver's"
                + " cache answered it all (hit) or the emulator was asked (miss), the ECS the emulator received and"
                + " the scope it returned. Rows where the softwares reached different sites are highlighted.");
        x.open("table");
        x.open("tr");
        for (String h : List.of("round", "client", "lookup")) {
            x.element("th", h);
        }
        for (String s : softwares) {
            x.element("th", s);
        }
        x.close("tr");
        for (Comparison.Row r : c.matrix()) {
            x.open("tr", "class", r.differs() ? "differs" : "same", "data-differs", String.valueOf(r.differs()));
            x.element("td", String.valueOf(r.round()));
            x.element("td", r.client());
            x.element("td", r.lookup());
            for (String s : softwares) {
                var cell = r.cells().stream().filter(y -> y.software().equals(s)).findFirst().orElse(null);
                if (cell == null) {
                    x.element("td", "-");
                } else {
                    x.element("td", Text.cell(cell.result()), "data-software", s, "class",
                            cell.result().siteDrained() ? "drained" : "");
                }
            }
            x.close("tr");
        }
        x.close("table");

        List<Comparison.EventMove> moves = c.eventMoves();
        if (!moves.isEmpty()) {
            x.element("h2", "After the events");
            x.element("p", "Time from the event to the first answer with another site, per software (measured at the"
                    + " lookups).");
            x.open("table");
            x.open("tr");
            for (String h : List.of("event", "client", "lookup")) {
                x.element("th", h);
            }
            for (String s : softwares) {
                x.element("th", s);
            }
            x.close("tr");
            for (Comparison.EventMove m : moves) {
                x.open("tr", "class", m.differs() ? "differs" : "same", "data-differs", String.valueOf(m.differs()));
                x.element("td", m.event() + " (round " + m.round() + ")");
                x.element("td", m.client());
                x.element("td", m.lookup());
                for (String s : softwares) {
                    x.element("td", Comparison.describe(m.times().get(s)), "data-software", s);
                }
                x.close("tr");
            }
            x.close("table");
        }

        x.element("h2", "Findings");
        List<String> findings = c.findings();
        if (findings.isEmpty()) {
            x.element("p", "None: every software reached the same sites at the same rounds.");
        } else {
            x.open("ul");
            for (String f : findings) {
                x.element("li", f, "class", "finding");
            }
            x.close("ul");
        }

        for (Comparison.Entry e : c.entries()) {
            if (!e.ran() || e.run().expectations().isEmpty()) {
                continue;
            }
            x.element("h2", "Expectations with " + e.software());
            x.open("ul");
            for (ExpectationResult r : e.run().expectations()) {
                x.open("li");
                x.element("span", TableReport.label(r).strip(), "class", switch (r.status()) {
                    case PASSED -> "pass";
                    case NOT_APPLICABLE -> "na";
                    default -> "fail";
                });
                x.text(" " + r.expectation().describe());
                for (String f : r.failures()) {
                    x.text(" | " + f);
                }
                x.close("li");
            }
            x.close("ul");
        }
        x.close("body");
        x.close("html");
        return x.toString();
    }
}
