package dev.geodns.testbed.report;

import dev.geodns.config.latency.Leg;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.SiteKind;
import dev.geodns.testbed.model.PenaltyBand;
import dev.geodns.testbed.runner.AppliedEvent;
import dev.geodns.testbed.runner.LookupResult;
import dev.geodns.testbed.runner.RunResult;
import dev.geodns.testbed.scenario.ClientSpec;
import dev.geodns.testbed.scenario.EventSpec;
import dev.geodns.testbed.scenario.Format;
import dev.geodns.testbed.scenario.ResolverSpec;
import dev.geodns.testbed.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The map section of the HTML report: an SVG world map with the paths taken (coloured by penalty),
 * the DNS questions on top of them, markers for clients, resolvers and sites with labels kept
 * apart by {@link MapLayout}, and a legend. A scenario with events gets one frame per round and a
 * round selector made of radio buttons and CSS (no script), each frame marking the sites drained
 * in that round.
 *
 * <p>Structure for tools and tests: frames are {@code <g class="frame" data-round="all|N">}; a site
 * drained in a round has a {@code data-drained-site="ID"} mark in that round's frame; labels are
 * {@code <g class="label" data-label="KEY">} with their box as a {@code rect}.
 */
final class MapSvg {
    /** The frame of the whole run: each client's paths, at their worst penalty over the rounds. */
    static final String ALL = "all";

    /** One frame of the map: the paths of a round (or of the whole run) and the sites drained then. */
    record Frame(String id, String title, List<LookupResult> paths, Set<String> drained) {
    }

    private final RunResult run;
    private final Scenario scenario;
    private final double[] view;
    /** One screen pixel, roughly, in user units: sizes follow the zoom so that they look the same. */
    private final double k;
    private final double fontSize;
    private final MapLayout layout;

    private MapSvg(RunResult run) {
        this.run = run;
        this.scenario = run.scenario();
        this.view = WorldMap.fit(points(run));
        this.k = view[2] / 1150;
        this.fontSize = 11 * k;
        this.layout = MapLayout.of(marks(run), view, k, fontSize);
    }

    /** The layout the map of {@code run} uses (for tests). */
    static MapLayout layout(RunResult run) {
        return new MapSvg(run).layout;
    }

    /** The frames the map of {@code run} shows: the whole run, then one per round when events change it. */
    static List<Frame> frames(RunResult run) {
        List<Frame> out = new ArrayList<>();
        Map<String, LookupResult> worst = new LinkedHashMap<>();
        for (LookupResult r : run.results()) {
            if (r.site() == null) {
                continue;
            }
            String key = r.client().id() + "|" + r.site().id() + "|" + r.legs().size() + "|" + r.lookup().text();
            LookupResult prev = worst.get(key);
            if (prev == null || r.penaltyMs() > prev.penaltyMs()) {
                worst.put(key, r);
            }
        }
        Set<String> touched = new LinkedHashSet<>();
        run.events().forEach(e -> touched.add(e.event().site()));
        out.add(new Frame(ALL, "all rounds", List.copyOf(worst.values()), touched));
        if (run.events().isEmpty() || run.scenario().rounds() < 2) {
            return out;
        }
        for (int round = 0; round < run.scenario().rounds(); round++) {
            int n = round;
            List<LookupResult> paths = run.results().stream().filter(r -> r.round() == n && r.site() != null).toList();
            double t = run.results().stream().filter(r -> r.round() == n).mapToDouble(LookupResult::timeSeconds)
                    .min().orElse(n * run.scenario().roundSeconds());
            Set<String> drained = drainedIn(run.events(), round);
            out.add(new Frame(String.valueOf(round), "round " + round + ", t=" + Format.number(t) + " s"
                    + (drained.isEmpty() ? "" : ", " + String.join(", ", drained) + " drained"), paths, drained));
        }
        return out;
    }

    /** The sites drained, and not yet restored, when round {@code round} runs. */
    static Set<String> drainedIn(List<AppliedEvent> events, int round) {
        Set<String> drained = new LinkedHashSet<>();
        for (AppliedEvent e : events) {
            if (e.round() > round) {
                continue;
            }
            if (e.event().action() == EventSpec.Action.DRAIN) {
                drained.add(e.event().site());
            } else {
                drained.remove(e.event().site());
            }
        }
        return drained;
    }

    /** CSS rules that show the frame whose radio button is checked. */
    static String selectorCss(RunResult run) {
        List<Frame> frames = frames(run);
        if (frames.size() < 2) {
            return "";
        }
        StringBuilder sb = new StringBuilder(".frame,.frame-note{display:none}\n");
        for (Frame f : frames) {
            sb.append("#map-frame-").append(f.id()).append(":checked ~ .mapbox .frame-").append(f.id())
                    .append("{display:inline}#map-frame-").append(f.id()).append(":checked ~ .mapbox .frame-note-")
                    .append(f.id()).append("{display:block}\n");
        }
        return sb.toString();
    }

    static void render(Xml x, RunResult run) {
        new MapSvg(run).render(x);
    }

    private void render(Xml x) {
        List<Frame> frames = frames(run);
        boolean selector = frames.size() > 1;
        x.open("div", "class", "map-wrap");
        if (selector) {
            for (Frame f : frames) {
                String id = "map-frame-" + f.id();
                if (f.id().equals(ALL)) {
                    x.empty("input", "type", "radio", "name", "map-frame", "id", id, "checked", "checked");
                } else {
                    x.empty("input", "type", "radio", "name", "map-frame", "id", id);
                }
                x.element("label", f.title(), "for", id, "class", f.drained().isEmpty() || f.id().equals(ALL)
                        ? "round" : "round has-drained");
            }
        }
        x.open("div", "class", "mapbox");
        svg(x, frames, selector);
        if (selector) {
            for (Frame f : frames) {
                x.element("p", note(f), "class", "frame-note frame-note-" + f.id());
            }
        }
        x.close("div");
        x.close("div");
        legend(x);
    }

    private String note(Frame f) {
        if (f.id().equals(ALL)) {
            return "All rounds: each client's paths at their worst penalty; red outline: a site drained or"
                    + " restored during the run. Pick a round to see where each client went then.";
        }
        StringBuilder sb = new StringBuilder(f.title().substring(0, 1).toUpperCase(Locale.ROOT))
                .append(f.title().substring(1)).append(": ");
        List<String> parts = new ArrayList<>();
        for (LookupResult r : f.paths()) {
            parts.add(r.client().id() + " " + r.lookup().text() + " -> " + siteLabel(r.site())
                    + (r.siteDrained() ? " (drained site, answer from before the drain)" : ""));
        }
        sb.append(parts.isEmpty() ? "no site reached" : String.join("; ", parts)).append('.');
        return sb.toString();
    }

    private void svg(Xml x, List<Frame> frames, boolean selector) {
        x.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "map", "viewBox",
                WorldMap.num(view[0]) + " " + WorldMap.num(view[1]) + " " + WorldMap.num(view[2]) + " "
                        + WorldMap.num(view[3]), "role", "img", "aria-label", "world map of the scenario",
                "font-size", fine(fontSize));
        x.element("title", "Clients, resolvers, sites and paths of " + scenario.name());
        x.empty("path", "class", "grid", "d", WorldMap.graticule());
        x.empty("path", "class", "land", "fill-rule", "evenodd", "d", WorldMap.landPath());
        spokes(x);
        for (Frame f : frames) {
            x.open("g", "class", selector ? "frame frame-" + f.id() : "frame-" + f.id(), "data-round", f.id());
            paths(x, f);
            x.close("g");
        }
        // The questions go over the paths: the two often share a corridor (a VPN's tunnel and its DNS).
        dnsQuestions(x);
        leaders(x);
        markers(x);
        for (Frame f : frames) {
            if (!f.id().equals(ALL) && !f.drained().isEmpty()) {
                x.open("g", "class", selector ? "frame frame-" + f.id() : "frame-" + f.id(), "data-round", f.id());
                for (String site : f.drained()) {
                    drainedMark(x, site);
                }
                x.close("g");
            }
        }
        labels(x);
        x.close("svg");
    }

    /** A thin line from a marker moved off its place to a dot on the place itself. */
    private void spokes(Xml x) {
        x.open("g", "class", "spokes");
        for (MapLayout.Placed p : layout.placed()) {
            if (p.moved()) {
                x.empty("path", "d", "M" + fine(p.mark().x()) + "," + fine(p.mark().y()) + "L" + fine(p.mx()) + ","
                        + fine(p.my()));
            }
        }
        Set<String> dots = new LinkedHashSet<>();
        for (MapLayout.Placed p : layout.placed()) {
            if (p.moved() && dots.add(fine(p.mark().x()) + "," + fine(p.mark().y()))) {
                x.empty("circle", "cx", fine(p.mark().x()), "cy", fine(p.mark().y()), "r", fine(1.8 * k));
            }
        }
        x.close("g");
    }

    private void paths(Xml x, Frame f) {
        x.open("g", "class", "paths");
        for (LookupResult r : f.paths()) {
            String colour = r.band().colour();
            for (int i = 0; i < r.legs().size(); i++) {
                Leg l = r.legs().get(i);
                double[] from = offsetAt(l.from().latitude(), l.from().longitude(),
                        i == 0 ? "client:" + r.client().id() : "site:" + r.site().id());
                double[] to = offsetAt(l.to().latitude(), l.to().longitude(), "site:" + r.site().id());
                List<double[]> pts = shifted(WorldMap.arcPoints(l.from().latitude(), l.from().longitude(),
                        l.to().latitude(), l.to().longitude()), from, to);
                x.open("path", "class", "leg " + l.kind().label() + (r.siteDrained() ? " stale" : ""), "stroke",
                        colour, "d", WorldMap.pathData(pts));
                x.element("title", (f.id().equals(ALL) ? "" : "round " + r.round() + ": ") + r.client().id() + " "
                        + r.lookup().text() + ": " + l.kind().label() + " " + l.from().label() + " -> "
                        + l.to().label() + ", " + Text.km(l.distanceKm()) + " km, " + Text.ms(l.rttMs())
                        + " ms (penalty " + Text.penalty(r) + " ms)"
                        + (r.siteDrained() ? "; the site was drained: an answer from before the drain" : ""));
                x.close("path");
            }
        }
        x.close("g");
    }

    /** Each client's question to its resolver: a dashed line with a white casing, bowed off the paths. */
    private void dnsQuestions(Xml x) {
        x.open("g", "class", "dns-paths");
        for (ClientSpec c : scenario.clients()) {
            ResolverSpec r = scenario.resolver(c.resolver()).orElseThrow();
            List<double[]> pts = bowed(shifted(WorldMap.arcPoints(c.place().latitude(), c.place().longitude(),
                    r.place().latitude(), r.place().longitude()), layout.offset("client:" + c.id()),
                    layout.offset("resolver:" + r.id())));
            String d = WorldMap.pathData(pts);
            x.empty("path", "class", "dns-casing", "d", d);
            x.open("path", "class", "dns", "d", d);
            x.element("title", "DNS: " + c.id() + " asks " + r.id());
            x.close("path");
        }
        x.close("g");
    }

    private void leaders(Xml x) {
        x.open("g", "class", "leaders");
        for (MapLayout.Placed p : layout.placed()) {
            if (p.leader()) {
                x.empty("path", "d", "M" + fine(p.leaderX1()) + "," + fine(p.leaderY1()) + "L" + fine(p.leaderX2())
                        + "," + fine(p.leaderY2()));
            }
        }
        x.close("g");
    }

    private void markers(Xml x) {
        x.open("g", "class", "resolvers");
        for (ResolverSpec r : scenario.resolvers()) {
            MapLayout.Placed p = layout.get("resolver:" + r.id());
            x.open("g", "class", "resolver " + r.kind().name().toLowerCase(Locale.ROOT), "data-resolver", r.id(),
                    "transform", translate(p));
            x.empty("path", "d", "M0," + fine(-6 * k) + "L" + fine(5.5 * k) + "," + fine(4 * k) + "H" + fine(-5.5 * k)
                    + "Z");
            x.element("title", Text.resolver(r));
            x.close("g");
        }
        x.close("g");

        x.open("g", "class", "sites");
        Set<String> touched = new LinkedHashSet<>();
        run.events().forEach(e -> touched.add(e.event().site()));
        for (Site site : run.sites()) {
            MapLayout.Placed p = layout.get("site:" + site.id());
            boolean front = site.kind() == SiteKind.FRONT_DOOR;
            x.open("g", "class", "site " + site.kind().yamlName() + (touched.contains(site.id()) ? " drained" : ""),
                    "data-site", site.id(), "transform", translate(p));
            if (front) {
                x.empty("circle", "r", fine(5 * k), "fill", "#6a1b9a");
            } else {
                x.empty("rect", "x", fine(-4.5 * k), "y", fine(-4.5 * k), "width", fine(9 * k), "height", fine(9 * k),
                        "fill", "#1565c0");
            }
            x.element("title", site.id() + " (" + site.kind().yamlName() + ", " + site.cloud() + ") at "
                    + site.place().label() + (touched.contains(site.id()) ? "; drained or restored during the run" : ""));
            x.close("g");
        }
        x.close("g");

        x.open("g", "class", "clients");
        for (ClientSpec c : scenario.clients()) {
            double worstPenalty = run.results().stream().filter(r -> r.client().id().equals(c.id()))
                    .mapToDouble(LookupResult::penaltyMs).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
            MapLayout.Placed p = layout.get("client:" + c.id());
            x.open("g", "class", "client", "data-client", c.id(), "transform", translate(p));
            x.empty("circle", "r", fine(4.5 * k), "fill", PenaltyBand.of(worstPenalty).colour());
            x.element("title", c.id() + " at " + c.place().label() + " (" + c.address().getHostAddress()
                    + "), resolver " + c.resolver() + "; worst penalty "
                    + (Double.isNaN(worstPenalty) ? "unknown" : Format.oneDecimal(worstPenalty) + " ms"));
            x.close("g");
        }
        x.close("g");
    }

    /** A red ring and cross over a site drained in the frame's round. */
    private void drainedMark(Xml x, String site) {
        MapLayout.Placed p = layout.get("site:" + site);
        double r = 8 * k;
        x.open("g", "class", "drained-mark", "data-drained-site", site, "transform", translate(p));
        x.empty("circle", "r", fine(r));
        x.empty("path", "d", "M" + fine(-r * 0.7) + "," + fine(-r * 0.7) + "L" + fine(r * 0.7) + "," + fine(r * 0.7)
                + "M" + fine(r * 0.7) + "," + fine(-r * 0.7) + "L" + fine(-r * 0.7) + "," + fine(r * 0.7));
        x.element("title", site + " is drained in this round");
        x.close("g");
    }

    private void labels(Xml x) {
        x.open("g", "class", "labels");
        for (MapLayout.Placed p : layout.placed()) {
            MapLayout.Box b = p.label();
            x.open("g", "class", "label " + p.mark().kind().name().toLowerCase(Locale.ROOT), "data-label",
                    p.mark().key());
            x.empty("rect", "x", fine(b.x()), "y", fine(b.y()), "width", fine(b.w()), "height", fine(b.h()), "rx",
                    fine(2 * k));
            x.element("text", p.mark().label(), "x", fine(p.textX()), "y", fine(p.textY()), "textLength",
                    fine(p.textWidth()), "lengthAdjust", "spacingAndGlyphs");
            x.close("g");
        }
        x.close("g");
    }

    private void legend(Xml x) {
        x.open("div", "class", "legend");
        for (PenaltyBand b : PenaltyBand.values()) {
            legendItem(x, "<path d='M1,7H27' stroke='" + b.colour() + "' stroke-width='3'/>", "path, " + b.label()
                    + switch (b) {
                        case GOOD -> " (penalty <= " + Format.number(PenaltyBand.GOOD_UP_TO_MS) + " ms)";
                        case FAIR -> " (<= " + Format.number(PenaltyBand.FAIR_UP_TO_MS) + " ms)";
                        case POOR -> " (> " + Format.number(PenaltyBand.FAIR_UP_TO_MS) + " ms)";
                        case UNKNOWN -> " (no site)";
                    });
        }
        legendItem(x, "<path d='M1,7H27' stroke='#2e7d32' stroke-width='2' stroke-dasharray='6,4'/>",
                "backbone to the mailbox");
        if (run.results().stream().anyMatch(LookupResult::siteDrained)) {
            legendItem(x, "<path d='M1,7H27' stroke='#2e7d32' stroke-width='2.6' stroke-dasharray='1,4'"
                    + " stroke-linecap='round'/>", "path to a drained site (a cached answer)");
        }
        legendItem(x, "<path d='M1,7H27' stroke='#fff' stroke-width='4'/><path d='M1,7H27' stroke='#263238'"
                + " stroke-width='1.6' stroke-dasharray='4,3'/>", "DNS question, client to its resolver");
        legendItem(x, "<circle cx='14' cy='7' r='4.5' fill='#2e7d32' stroke='#222'/>",
                "client (colour: worst penalty)");
        legendItem(x, "<path d='M14,1L19.5,11H8.5Z' fill='#555' stroke='#fff'/>", "resolver");
        legendItem(x, "<rect x='9.5' y='2.5' width='9' height='9' fill='#1565c0'/>", "datacenter");
        legendItem(x, "<circle cx='14' cy='7' r='5' fill='#6a1b9a'/>", "front door");
        if (!run.events().isEmpty()) {
            legendItem(x, "<circle cx='14' cy='7' r='5' fill='#6a1b9a' stroke='#c62828' stroke-width='2.5'/>",
                    "site drained or restored during the run");
            legendItem(x, "<circle cx='14' cy='7' r='6' fill='none' stroke='#c62828' stroke-width='1.8'/>"
                    + "<path d='M10,3L18,11M18,3L10,11' stroke='#c62828' stroke-width='1.8'/>", "drained in this round");
        }
        legendItem(x, "<path d='M4,10L20,4' stroke='#546e7a' stroke-width='0.8'/><circle cx='4' cy='10' r='1.8'"
                + " fill='#37474f'/><circle cx='21' cy='4' r='3' fill='#999'/>",
                "marker moved off its place (dot: the place)");
        x.element("span", "Land: Natural Earth 1:110m (public domain).", "class", "note");
        x.close("div");
    }

    private static void legendItem(Xml x, String symbol, String text) {
        x.open("span", "class", "item");
        x.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"28\" height=\"14\" viewBox=\"0 0 28 14\">"
                + symbol.replace('\'', '"') + "</svg>");
        x.text(text);
        x.close("span");
    }

    // ----------------------------------------------------------------------------------------- geometry

    /**
     * How far the endpoint at (lat, lon) was moved with its marker: the preferred marker's offset when
     * it stands at that place, else any site's there (a front door proxying to a mailbox), else none.
     */
    private double[] offsetAt(double lat, double lon, String preferred) {
        double px = WorldMap.x(lon);
        double py = WorldMap.y(lat);
        List<MapLayout.Placed> candidates = new ArrayList<>();
        for (MapLayout.Placed p : layout.placed()) {
            if (p.mark().key().equals(preferred)) {
                candidates.add(0, p);
            } else if (p.mark().kind() == MapLayout.Kind.SITE) {
                candidates.add(p);
            }
        }
        for (MapLayout.Placed p : candidates) {
            if (Math.abs(p.mark().x() - px) < 1e-6 && Math.abs(p.mark().y() - py) < 1e-6) {
                return layout.offset(p.mark().key());
            }
        }
        return new double[2];
    }

    /** Moves an arc's ends with their markers, blending the two offsets along the arc. */
    private static List<double[]> shifted(List<double[]> pts, double[] from, double[] to) {
        List<double[]> out = new ArrayList<>(pts.size());
        for (double[] p : pts) {
            double t = p[2];
            out.add(new double[] {p[0] + (1 - t) * from[0] + t * to[0], p[1] + (1 - t) * from[1] + t * to[1], t,
                p[3]});
        }
        return out;
    }

    /** Bends a line sideways (to its left) by a few percent of its length, most in the middle. */
    private List<double[]> bowed(List<double[]> pts) {
        if (pts.stream().anyMatch(p -> p[3] != 0)) {
            return pts; // split at the antimeridian: leave it be
        }
        double[] a = pts.get(0);
        double[] b = pts.get(pts.size() - 1);
        List<double[]> dense = pts;
        if (pts.size() < 12) {
            dense = new ArrayList<>();
            for (int i = 0; i <= 12; i++) {
                double t = i / 12.0;
                dense.add(new double[] {a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), t, 0});
            }
        }
        double len = Math.hypot(b[0] - a[0], b[1] - a[1]);
        if (len < 1e-9) {
            return dense;
        }
        double nx = (b[1] - a[1]) / len;
        double ny = -(b[0] - a[0]) / len;
        double bow = Math.min(0.06 * len, 40 * k);
        List<double[]> out = new ArrayList<>(dense.size());
        for (double[] p : dense) {
            double s = Math.sin(Math.PI * p[2]) * bow;
            out.add(new double[] {p[0] + s * nx, p[1] + s * ny, p[2], 0});
        }
        return out;
    }

    private static String translate(MapLayout.Placed p) {
        return "translate(" + fine(p.mx()) + "," + fine(p.my()) + ")";
    }

    private static String fine(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    // ----------------------------------------------------------------------------------------- inputs

    private static String siteLabel(Site s) {
        return s.kind() == SiteKind.FRONT_DOOR ? s.code() : s.id();
    }

    /** The marks: sites, then each resolver followed by its clients (the order of a crowded place's ring). */
    private static List<MapLayout.Mark> marks(RunResult run) {
        List<MapLayout.Mark> marks = new ArrayList<>();
        for (Site s : run.sites()) {
            marks.add(new MapLayout.Mark("site:" + s.id(), MapLayout.Kind.SITE, siteLabel(s),
                    WorldMap.x(s.place().longitude()), WorldMap.y(s.place().latitude())));
        }
        for (ResolverSpec r : run.scenario().resolvers()) {
            marks.add(new MapLayout.Mark("resolver:" + r.id(), MapLayout.Kind.RESOLVER, r.id(),
                    WorldMap.x(r.place().longitude()), WorldMap.y(r.place().latitude())));
            for (ClientSpec c : run.scenario().clients()) {
                if (c.resolver().equals(r.id())) {
                    marks.add(new MapLayout.Mark("client:" + c.id(), MapLayout.Kind.CLIENT, c.id(),
                            WorldMap.x(c.place().longitude()), WorldMap.y(c.place().latitude())));
                }
            }
        }
        return marks;
    }

    /** Every point the map must show: clients, resolvers, offices, sites and the arcs between them. */
    private static List<double[]> points(RunResult run) {
        List<double[]> out = new ArrayList<>();
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
}
