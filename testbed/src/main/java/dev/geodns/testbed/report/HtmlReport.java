package dev.geodns.testbed.report;

import dev.geodns.testbed.runner.AppliedEvent;
import dev.geodns.testbed.runner.ExpectationResult;
import dev.geodns.testbed.runner.LookupResult;
import dev.geodns.testbed.runner.Move;
import dev.geodns.testbed.runner.Resolution;
import dev.geodns.testbed.runner.ResolverRun;
import dev.geodns.testbed.runner.RunResult;
import dev.geodns.testbed.runner.Step;
import dev.geodns.testbed.scenario.ClientSpec;
import dev.geodns.testbed.scenario.Format;
import dev.geodns.testbed.scenario.ResolverSpec;
import dev.geodns.testbed.scenario.Scenario;
import java.util.List;

/**
 * The HTML report: one self-contained, well-formed XHTML page (parseable as XML; no scripts, no
 * external resources) with an SVG world map of clients, resolvers, sites and the paths taken,
 * coloured by penalty ({@link MapSvg}), then the model, the results, the expectations and every
 * resolution step.
 *
 * <p>Map elements carry data attributes for tools and tests: exactly one element
 * {@code data-client="ID"} per client, {@code data-resolver="ID"} per resolver and
 * {@code data-site="ID"} per site playing a part ({@link RunResult#sites()}).
 */
final class HtmlReport {
    private static final String CSS = """
            body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:1.5em;color:#222;max-width:1200px}
            h1{margin-bottom:0.2em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}
            .meta{color:#555}.pass{color:#2e7d32;font-weight:bold}.fail{color:#c62828;font-weight:bold}.na{color:#777}
            table{border-collapse:collapse;font-size:0.9em}td,th{border:1px solid #ddd;padding:3px 6px;text-align:left}
            th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}
            td.band{color:#fff;font-weight:bold;text-align:right}
            svg.map{width:100%;height:auto;border:1px solid #bbb;background:#dbe9f4;display:block}
            .land{fill:#f4f1ea;stroke:#b9b2a3;stroke-width:0.6}.grid{stroke:#c5d6e4;stroke-width:0.6;fill:none}
            .map path,.map rect,.map circle{vector-effect:non-scaling-stroke}
            .leg{fill:none;stroke-width:2.6;stroke-linecap:round;opacity:0.8}.leg.backbone{stroke-dasharray:6,4;stroke-width:1.8}
            .leg.stale{stroke-dasharray:1,4}
            .dns-casing{fill:none;stroke:#fff;stroke-width:4;stroke-linecap:round;opacity:0.9}
            .dns{fill:none;stroke:#263238;stroke-width:1.6;stroke-dasharray:5,3;stroke-linecap:round}
            .spokes path{stroke:#546e7a;stroke-width:0.8}.spokes circle{fill:#37474f}
            .leaders path{stroke:#546e7a;stroke-width:0.8}
            .site rect,.site circle{stroke:#fff;stroke-width:1.2}.site.drained rect,.site.drained circle{stroke:#c62828;stroke-width:2.5}
            .client circle{stroke:#222;stroke-width:1}.resolver path{fill:#555;stroke:#fff;stroke-width:1}
            .drained-mark circle,.drained-mark path{fill:none;stroke:#c62828;stroke-width:2}
            .label rect{fill:#fff;fill-opacity:0.85;stroke:#9e9e9e;stroke-width:0.5}
            .label text{font-family:'DejaVu Sans',Verdana,sans-serif;fill:#222}
            .label.site text{font-weight:normal;fill:#4a148c}.label.resolver text{fill:#37474f;font-style:italic}
            .map-wrap input{position:absolute;opacity:0;pointer-events:none}
            .map-wrap label.round{display:inline-block;margin:0 0.3em 0.4em 0;padding:2px 8px;border:1px solid #999;border-radius:3px;cursor:pointer;font-size:0.85em;background:#f6f6f6}
            .map-wrap label.has-drained{border-color:#c62828}
            .map-wrap input:checked + label{background:#37474f;color:#fff}
            .frame-note{color:#444;font-size:0.9em;margin:0.3em 0}
            .legend{font-size:0.85em;margin:0.5em 0}.legend .item{display:inline-block;margin:0 1.2em 0.3em 0;white-space:nowrap}
            .legend svg{vertical-align:middle;margin-right:0.3em}.legend .note{color:#666}
            details{margin:0.3em 0}code{font-size:0.9em}ol.steps li{margin:0.2em 0}
            .legend span{display:inline-block;margin-right:1.2em}.swatch{display:inline-block;width:1em;height:0.8em;margin-right:0.3em;vertical-align:middle}
            """;

    private HtmlReport() {
    }

    static String render(RunResult run) {
        Scenario s = run.scenario();
        Xml x = new Xml();
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n");
        x.open("html", "xmlns", "http://www.w3.org/1999/xhtml", "lang", "en");
        x.open("head");
        x.empty("meta", "charset", "UTF-8");
        x.element("title", "GeoDNS testbed: " + s.name());
        x.open("style").text(CSS + MapSvg.selectorCss(run)).close("style");
        x.close("head");
        x.open("body");
        x.element("h1", "Scenario " + s.name());
        x.element("p", s.description());
        x.open("p", "class", "meta");
        x.text("world " + s.world().name() + " (" + s.worldSource() + "); server " + run.server() + "; "
                + s.rounds() + (s.rounds() == 1 ? " round" : " rounds of " + Format.number(s.roundSeconds())
                + " s (virtual clock)") + "; run " + run.startedAt() + " in " + run.wallTime().toMillis() + " ms; ");
        x.element("span", switch (run.status()) {
            case PASSED -> "all expectations passed";
            case FAILED -> run.failedExpectations() + " expectation(s) failed";
            case SKIPPED -> "SKIPPED: " + String.join("; ", run.skipReasons());
        }, "class", run.passed() ? "pass" : "fail");
        x.close("p");
        x.element("p", Text.clockLine(run), "class", "meta");

        MapSvg.render(x, run);

        x.element("h2", "Model");
        x.open("ul");
        for (String line : Text.modelLines(run)) {
            x.element("li", line);
        }
        x.close("ul");

        setup(x, run);
        results(x, run);
        moves(x, run);
        expectations(x, run);
        steps(x, run);
        x.close("body");
        x.close("html");
        return x.toString();
    }

    // ---------------------------------------------------------------------------------------- tables

    private static void setup(Xml x, RunResult run) {
        Scenario s = run.scenario();
        x.element("h2", "Resolvers");
        x.open("table");
        x.open("tr");
        for (String h : List.of("id", "kind", "software", "process", "place", "source address", "ECS", "cache",
                "VPN office", "tunnel")) {
            x.element("th", h);
        }
        x.close("tr");
        for (ResolverSpec r : s.resolvers()) {
            ResolverRun rr = run.resolverRun(r.id()).orElse(null);
            x.open("tr");
            x.element("td", r.id());
            x.element("td", r.kind().name().toLowerCase());
            x.element("td", r.softwareId());
            if (rr != null && rr.skipped()) {
                x.element("td", "SKIPPED: " + rr.message(), "class", "fail");
            } else {
                x.element("td", rr == null || rr.pid() == null ? "-" : "pid " + rr.pid() + ", " + rr.address()
                        + ", " + rr.binary());
            }
            x.element("td", r.place().label());
            x.element("td", r.address().getHostAddress());
            x.element("td", r.ecs().text());
            x.element("td", r.cache() ? "yes" : r.real() ? "no (flushed before every lookup)" : "no");
            x.element("td", r.office() == null ? "-" : r.office().label());
            x.element("td", r.tunnel() == null ? "-" : r.tunnel().name().toLowerCase()
                    + (r.tunnelPool() == null ? "" : " (pool " + r.tunnelPool() + ")"));
            x.close("tr");
        }
        x.close("table");

        x.element("h2", "Clients");
        x.open("table");
        x.open("tr");
        for (String h : List.of("id", "place", "address", "resolver", "local resolver", "tenant", "lookups")) {
            x.element("th", h);
        }
        x.close("tr");
        for (ClientSpec c : s.clients()) {
            x.open("tr");
            x.element("td", c.id());
            x.element("td", c.place().label());
            x.element("td", c.address().getHostAddress());
            x.element("td", c.resolver());
            x.element("td", c.localResolver() == null ? "-" : c.localResolver());
            x.element("td", c.tenant() == null ? "-" : c.tenant());
            x.element("td", String.join(", ", c.lookups().stream().map(l -> l.text() + " (" + l.name() + ")")
                    .toList()));
            x.close("tr");
        }
        x.close("table");

        if (!run.events().isEmpty()) {
            x.element("h2", "Events");
            x.open("ul");
            for (AppliedEvent e : run.events()) {
                x.element("li", "before round " + e.round() + ": " + e.event().describe()
                        + (run.wallClock() ? " (applied at t=" + Text.time(run, e.timeSeconds()) + "s)" : ""));
            }
            x.close("ul");
        }
    }

    private static void results(Xml x, RunResult run) {
        boolean rounds = run.scenario().rounds() > 1;
        x.element("h2", "Results");
        x.open("table");
        x.open("tr");
        if (rounds) {
            x.element("th", "round");
            x.element("th", "t");
        }
        for (String h : List.of("client", "lookup", "resolver", "path", "site", "site place", "km", "rtt ms",
                "local site", "local ms", "penalty ms", "cache", "ECS at emulator", "scope", "server decision", "notes")) {
            x.element("th", h);
        }
        x.close("tr");
        for (LookupResult r : run.results()) {
            x.open("tr");
            if (rounds) {
                x.element("td", String.valueOf(r.round()), "class", "num");
                x.element("td", Text.time(run, r.timeSeconds()) + " s", "class", "num");
            }
            x.element("td", r.client().id());
            x.element("td", r.lookup().text());
            x.element("td", r.resolver());
            x.element("td", r.path().tag());
            x.element("td", Text.site(r.site()));
            x.element("td", r.site() == null ? "-" : r.site().place().label());
            x.element("td", Text.km(r.distanceKm()), "class", "num");
            x.element("td", Text.ms(r.rttMs()), "class", "num");
            x.element("td", r.sameAsBaseline() ? "(same)" : Text.site(r.baseline().site()));
            x.element("td", r.sameAsBaseline() ? "" : Text.ms(r.baseline().rttMs()), "class", "num");
            x.element("td", Text.penalty(r), "class", "band", "style", "background:" + r.band().colour());
            x.element("td", Text.cache(r.resolution()));
            x.element("td", Text.ecs(r.resolution()));
            x.element("td", Text.scope(r.resolution()));
            x.element("td", Text.decision(r.resolution()));
            x.element("td", Text.notes(r));
            x.close("tr");
        }
        x.close("table");
    }

    private static void moves(Xml x, RunResult run) {
        List<Move> moves = run.moves();
        if (moves.isEmpty()) {
            return;
        }
        x.element("h2", "After the drains");
        x.element("p", "Time from the drain to the first answer with another site, per client ("
                + run.clock() + " clock, measured at the lookups).");
        x.open("table");
        x.open("tr");
        for (String h : List.of("client", "lookup", "resolver", "drained", "at s", "moved to", "at s", "seconds",
                "answers still on the drained site")) {
            x.element("th", h);
        }
        x.close("tr");
        for (Move m : moves) {
            x.open("tr");
            x.element("td", m.client());
            x.element("td", m.lookup());
            x.element("td", m.resolver());
            x.element("td", m.site());
            x.element("td", Text.time(run, m.drainedAt()), "class", "num");
            x.element("td", m.movedTo() == null ? "(did not move)" : m.movedTo());
            x.element("td", m.movedAt() == null ? "-" : Text.time(run, m.movedAt()), "class", "num");
            x.element("td", m.seconds() == null ? "-" : Format.oneDecimal(m.seconds()), "class", "num");
            x.element("td", String.valueOf(m.staleAnswers()), "class", "num");
            x.close("tr");
        }
        x.close("table");
    }

    private static void expectations(Xml x, RunResult run) {
        if (run.expectations().isEmpty()) {
            return;
        }
        x.element("h2", "Expectations");
        x.open("ul");
        for (ExpectationResult e : run.expectations()) {
            x.open("li");
            x.element("span", TableReport.label(e).strip(), "class", e.passed() ? "pass"
                    : e.status() == ExpectationResult.Status.NOT_APPLICABLE ? "na" : "fail");
            x.text(" " + e.expectation().describe());
            if (!e.failures().isEmpty()) {
                x.open("ul");
                for (String f : e.failures()) {
                    x.element("li", f);
                }
                x.close("ul");
            }
            x.close("li");
        }
        x.close("ul");
        x.element("p", TableReport.summary(run));
    }

    private static void steps(Xml x, RunResult run) {
        x.element("h2", "Resolution steps");
        for (LookupResult r : run.results()) {
            x.open("details");
            x.element("summary", (run.scenario().rounds() > 1 ? "round " + r.round() + " " : "") + r.client().id()
                    + " " + r.lookup().text() + " via " + r.resolver() + " -> " + Text.site(r.site()));
            if (r.skipped() != null) {
                x.element("p", "SKIPPED: " + r.skipped());
            }
            x.open("ol", "class", "steps");
            for (Resolution.StubQuery q : r.resolution().stubQueries()) {
                x.open("li");
                x.element("code", stubText(q));
                x.close("li");
            }
            for (Step s : r.resolution().steps()) {
                x.open("li");
                x.element("code", (r.resolution().viaRealResolver() ? "emulator received: " : "") + stepText(s));
                x.close("li");
            }
            x.close("ol");
            x.close("details");
        }
    }

    static String stubText(Resolution.StubQuery q) {
        return q.tool() + " from " + q.source() + " asks " + q.resolver() + " " + q.name() + " " + q.type() + " -> "
                + q.rcode() + " in " + Format.oneDecimal(q.tookMs()) + " ms: "
                + String.join(" | ", q.answers().stream().map(Step.Answer::toString).toList());
    }

    static String stepText(Step s) {
        StringBuilder sb = new StringBuilder();
        if (s.fromCache()) {
            sb.append("cache: ").append(s.name()).append(' ').append(s.type());
        } else {
            sb.append("ask ").append(s.name()).append(' ').append(s.type()).append(" from ").append(s.source());
            if (s.ecsSent() != null) {
                sb.append(" ecs ").append(s.ecsSent());
            }
            sb.append(" -> ").append(s.rcode());
            if (s.ecsScope() != null) {
                sb.append(" scope /").append(s.ecsScope());
            }
        }
        if (!s.answers().isEmpty()) {
            sb.append(": ");
            sb.append(String.join(" | ", s.answers().stream().map(Step.Answer::toString).toList()));
        }
        if (s.decision() != null) {
            sb.append("; server: ").append(s.decision().describe());
        }
        return sb.toString();
    }
}
