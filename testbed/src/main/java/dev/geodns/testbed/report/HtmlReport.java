package dev.geodns.testbed.report;

import dev.geodns.config.latency.Leg;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.SiteKind;
import dev.geodns.testbed.model.PenaltyBand;
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
import dev.geodns.testbed.scenario.Where;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTML report: one self-contained, well-formed XHTML page (parseable as XML; no scripts, no
 * external resources) with an SVG world map of clients, resolvers, sites and the paths taken,
 * coloured by penalty, then the model, the results, the expectations and every resolution step.
 *
 * <p>Map elements carry data attributes for tools and tests: exactly one element
 * {@code data-client="ID"} per client, {@code data-resolver="ID"} per resolver and
 * {@code data-site="ID"} per site playing a part ({@link RunResult#sites()}).
 */
final class HtmlReport {
    private static final String CSS = """
            body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:1.5em;color:#222;max-width:1200px}
            h1{margin-bottom:0.2em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}
            .meta{color:#555}.pass{color:#2e7d32;font-weight:bold}.fail{color:#c62828;font-weight:bold}
            table{border-collapse:collapse;font-size:0.9em}td,th{border:1px solid #ddd;padding:3px 6px;text-align:left}
            th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}
            td.band{color:#fff;font-weight:bold;text-align:right}
            svg.map{width:100%;height:auto;border:1px solid #bbb;background:#dbe9f4}
                        .map path,.map rect,.map circle,.map text{vector-effect:non-scaling-stroke}
            .land{fill:#f4f1ea;stroke:#b9b2a3;stroke-width:0.6}.grid{stroke:#c5d6e4;stroke-width:0.6;fill:none}
            .dns{stroke:#777;stroke-width:1.2;stroke-dasharray:2,3;fill:none}
            .leg{fill:none;stroke-width:2.4;stroke-linecap:round;opacity:0.85}.leg.backbone{stroke-dasharray:6,4;stroke-width:1.6}
            .site rect,.site circle{stroke:#fff;stroke-width:1}.site text,.client text,.resolver text{paint-order:stroke;stroke:#fff;stroke-width:2.5px}
            .site.drained rect,.site.drained circle{stroke:#c62828;stroke-width:2.5}
            .client circle{stroke:#222;stroke-width:1}.resolver path{fill:#555;stroke:#fff;stroke-width:0.8}
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
        x.open("style").text(CSS).close("style");
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

        map(x, run);

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

    // ---------------------------------------------------------------------------------------- map

    private static void map(Xml x, RunResult run) {
        Scenario s = run.scenario();
        double[] view = WorldMap.fit(points(run));
        double k = view[2] / WorldMap.WIDTH; // marker sizes follow the zoom so that they look the same
        x.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "map", "viewBox",
                WorldMap.num(view[0]) + " " + WorldMap.num(view[1]) + " " + WorldMap.num(view[2]) + " "
                        + WorldMap.num(view[3]), "role", "img", "aria-label", "world map of the scenario",
                "font-size", WorldMap.num(8 * k));
        x.element("title", "Clients, resolvers, sites and paths of " + s.name());
        x.empty("path", "class", "grid", "d", WorldMap.graticule());
        x.empty("path", "class", "land", "fill-rule", "evenodd", "d", WorldMap.landPath());
        Spreader spread = new Spreader(k);

        x.open("g", "class", "dns-paths");
        for (ClientSpec c : s.clients()) {
            ResolverSpec r = s.resolver(c.resolver()).orElseThrow();
            x.open("path", "class", "dns", "d", WorldMap.arc(c.place().latitude(), c.place().longitude(),
                    r.place().latitude(), r.place().longitude()));
            x.element("title", "DNS: " + c.id() + " asks " + r.id());
            x.close("path");
        }
        x.close("g");

        // One path per distinct (client, legs) across rounds, coloured by its worst penalty.
        Map<String, LookupResult> worst = new LinkedHashMap<>();
        Map<String, String> lookups = new HashMap<>();
        for (LookupResult r : run.results()) {
            if (r.site() == null) {
                continue;
            }
            String key = r.client().id() + "|" + r.site().id() + "|" + r.legs().size() + "|" + r.lookup().text();
            LookupResult prev = worst.get(key);
            if (prev == null || r.penaltyMs() > prev.penaltyMs()) {
                worst.put(key, r);
            }
            lookups.merge(r.client().id() + "|" + r.site().id(), r.lookup().text(),
                    (a, b) -> a.contains(b) ? a : a + ", " + b);
        }
        x.open("g", "class", "paths");
        for (LookupResult r : worst.values()) {
            String colour = r.band().colour();
            for (Leg l : r.legs()) {
                x.open("path", "class", "leg " + l.kind().label(), "stroke", colour, "d",
                        WorldMap.arc(l.from().latitude(), l.from().longitude(), l.to().latitude(), l.to().longitude()));
                x.element("title", r.client().id() + " " + r.lookup().text() + ": " + l.kind().label() + " "
                        + l.from().label() + " -> " + l.to().label() + ", " + Text.km(l.distanceKm()) + " km, "
                        + Text.ms(l.rttMs()) + " ms (penalty " + Text.penalty(r) + " ms)");
                x.close("path");
            }
        }
        x.close("g");

        x.open("g", "class", "resolvers");
        for (ResolverSpec r : s.resolvers()) {
            double[] p = spread.place(r.place());
            x.open("g", "class", "resolver " + r.kind().name().toLowerCase(), "data-resolver", r.id(), "transform",
                    "translate(" + WorldMap.num(p[0]) + "," + WorldMap.num(p[1]) + ")");
            x.empty("path", "d", "M0," + WorldMap.num(-5 * k) + "L" + WorldMap.num(4.5 * k) + "," + WorldMap.num(3.5 * k)
                    + "H" + WorldMap.num(-4.5 * k) + "Z");
            x.element("text", r.id(), "x", WorldMap.num(6 * k), "y", WorldMap.num(3 * k));
            x.element("title", Text.resolver(r));
            x.close("g");
        }
        x.close("g");

        x.open("g", "class", "sites");
        List<String> drainedIds = run.events().stream().map(e -> e.event().site()).toList();
        for (Site site : run.sites()) {
            Where w = Where.of(site.place());
            double[] p = spread.place(w);
            boolean front = site.kind() == SiteKind.FRONT_DOOR;
            x.open("g", "class", "site " + site.kind().yamlName() + (drainedIds.contains(site.id()) ? " drained" : ""),
                    "data-site", site.id(), "transform", "translate(" + WorldMap.num(p[0]) + "," + WorldMap.num(p[1]) + ")");
            if (front) {
                x.empty("circle", "r", WorldMap.num(4 * k), "fill", "#6a1b9a");
            } else {
                x.empty("rect", "x", WorldMap.num(-4 * k), "y", WorldMap.num(-4 * k), "width", WorldMap.num(8 * k),
                        "height", WorldMap.num(8 * k), "fill", "#1565c0");
            }
            x.element("text", front ? site.code() : site.id(), "x", WorldMap.num(6 * k), "y", WorldMap.num(3 * k));
            x.element("title", site.id() + " (" + site.kind().yamlName() + ", " + site.cloud() + ") at "
                    + site.place().label() + (drainedIds.contains(site.id()) ? "; drained or restored during the run" : ""));
            x.close("g");
        }
        x.close("g");

        x.open("g", "class", "clients");
        for (ClientSpec c : s.clients()) {
            double worstPenalty = run.results().stream().filter(r -> r.client().id().equals(c.id()))
                    .mapToDouble(LookupResult::penaltyMs).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
            double[] p = spread.place(c.place());
            x.open("g", "class", "client", "data-client", c.id(), "transform",
                    "translate(" + WorldMap.num(p[0]) + "," + WorldMap.num(p[1]) + ")");
            x.empty("circle", "r", WorldMap.num(3.5 * k), "fill", PenaltyBand.of(worstPenalty).colour());
            x.element("text", c.id(), "x", WorldMap.num(-6 * k), "y", WorldMap.num(3 * k), "text-anchor", "end");
            x.element("title", c.id() + " at " + c.place().label() + " (" + c.address().getHostAddress()
                    + "), resolver " + c.resolver() + "; worst penalty "
                    + (Double.isNaN(worstPenalty) ? "unknown" : Format.oneDecimal(worstPenalty) + " ms"));
            x.close("g");
        }
        x.close("g");
        x.close("svg");

        x.open("p", "class", "legend");
        for (PenaltyBand b : PenaltyBand.values()) {
            x.open("span");
            x.element("span", "", "class", "swatch", "style", "background:" + b.colour());
            x.text(b.label() + switch (b) {
                case GOOD -> " (penalty <= " + Format.number(PenaltyBand.GOOD_UP_TO_MS) + " ms)";
                case FAIR -> " (<= " + Format.number(PenaltyBand.FAIR_UP_TO_MS) + " ms)";
                case POOR -> " (> " + Format.number(PenaltyBand.FAIR_UP_TO_MS) + " ms)";
                case UNKNOWN -> " (no site)";
            });
            x.close("span");
        }
        x.element("span", "circle = client, triangle = resolver, square = datacenter, purple dot = front door;"
                + " dotted = DNS question to the resolver; solid = path to the site; dashed = backbone to the mailbox;"
                + " red outline = site drained or restored during the run. Land: Natural Earth 1:110m"
                + " (public domain).");
        x.close("p");
    }

    /** Every point the map must show: clients, resolvers, offices, sites and the arcs between them. */
    private static List<double[]> points(RunResult run) {
        List<double[]> out = new java.util.ArrayList<>();
        Scenario s = run.scenario();
        for (ClientSpec c : s.clients()) {
            out.add(new double[] {c.place().latitude(), c.place().longitude()});
            ResolverSpec r = s.resolver(c.resolver()).orElseThrow();
            out.addAll(WorldMap.interpolate(c.place().latitude(), c.place().longitude(), r.place().latitude(),
                    r.place().longitude()));
        }
        for (ResolverSpec r : s.resolvers()) {
            out.add(new double[] {r.place().latitude(), r.place().longitude()});
            if (r.office() != null) {
                out.add(new double[] {r.office().latitude(), r.office().longitude()});
            }
        }
        for (Site site : run.sites()) {
            out.add(new double[] {site.place().latitude(), site.place().longitude()});
        }
        for (LookupResult r : run.results()) {
            for (Leg l : r.legs()) {
                out.addAll(WorldMap.interpolate(l.from().latitude(), l.from().longitude(), l.to().latitude(),
                        l.to().longitude()));
            }
        }
        return out;
    }

    /** Shifts markers that would sit on the same spot so that each stays visible. */
    private static final class Spreader {
        private final Map<String, Integer> used = new HashMap<>();
        private final double scale;

        Spreader(double scale) {
            this.scale = scale;
        }

        double[] place(Where w) {
            double px = WorldMap.x(w.longitude());
            double py = WorldMap.y(w.latitude());
            String key = Math.round(px / (4 * scale)) + "," + Math.round(py / (4 * scale));
            int n = used.merge(key, 1, Integer::sum) - 1;
            if (n == 0) {
                return new double[] {px, py};
            }
            double angle = n * 2.4; // golden angle: successive markers spiral out
            double radius = (6 + 3 * Math.sqrt(n)) * scale;
            return new double[] {px + radius * Math.cos(angle), py + radius * Math.sin(angle)};
        }
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
        for (String h : List.of("client", "lookup", "resolver", "site", "site place", "km", "rtt ms", "local site",
                "local ms", "penalty ms", "cache", "ECS at emulator", "scope", "notes")) {
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
            x.element("span", TableReport.label(e), "class", e.passed() ? "pass" : "fail");
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
        return sb.toString();
    }
}
