package dev.geodns.testbed.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.testbed.runner.RunResult;
import dev.geodns.testbed.runner.ScenarioRunner;
import dev.geodns.testbed.scenario.BuiltInScenarios;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The map's structure: labels kept apart, questions over the paths, one frame per round of an event scenario. */
class MapSvgTest {
    private static final Map<String, RunResult> RUNS = new ConcurrentHashMap<>();

    static List<String> scenarios() {
        return BuiltInScenarios.NAMES;
    }

    static RunResult run(String name) {
        return RUNS.computeIfAbsent(name, n -> {
            try {
                return new ScenarioRunner(BuiltInScenarios.load(n)).run();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void noLabelOverlapsAnotherLabelOrAMarkerAndAllStayOnTheMap(String name) {
        RunResult run = run(name);
        MapLayout layout = MapSvg.layout(run);
        List<MapLayout.Placed> placed = layout.placed();
        assertThat(placed).hasSize(run.scenario().clients().size() + run.scenario().resolvers().size()
                + run.sites().size());
        double[] v = WorldMap.fit(List.of()); // the whole world bounds every view
        for (int i = 0; i < placed.size(); i++) {
            MapLayout.Placed a = placed.get(i);
            assertThat(a.label().w()).as("label of %s has a width", a.mark().key()).isPositive();
            assertThat(a.label().inside(new MapLayout.Box(v[0], v[1], v[2], v[3]))).isTrue();
            for (int j = 0; j < placed.size(); j++) {
                MapLayout.Placed b = placed.get(j);
                if (i != j) {
                    assertThat(a.label().overlaps(b.marker())).as("%s: label %s over marker %s", name,
                            a.mark().key(), b.mark().key()).isFalse();
                }
                if (i < j) {
                    assertThat(a.label().overlaps(b.label())).as("%s: labels %s and %s", name, a.mark().key(),
                            b.mark().key()).isFalse();
                    assertThat(a.marker().overlaps(b.marker())).as("%s: markers %s and %s", name, a.mark().key(),
                            b.mark().key()).isFalse();
                }
            }
            assertThat(a.label().overlaps(a.marker())).as("%s: label over its own marker", a.mark().key()).isFalse();
        }
    }

    @Test
    void labelsStayInsideTheMapsView() {
        for (String name : List.of("outage", "vpn-shift")) {
            RunResult run = run(name);
            String svg = mapOf(ReportFormat.HTML.render(run));
            String[] vb = svg.replaceAll("(?s).*?viewBox=\"([^\"]+)\".*", "$1").split(" ");
            MapLayout.Box view = new MapLayout.Box(Double.parseDouble(vb[0]), Double.parseDouble(vb[1]),
                    Double.parseDouble(vb[2]), Double.parseDouble(vb[3]));
            for (MapLayout.Placed p : MapSvg.layout(run).placed()) {
                assertThat(p.label().inside(new MapLayout.Box(view.x() - 0.1, view.y() - 0.1, view.w() + 0.2,
                        view.h() + 0.2))).as("%s: label of %s in %s", name, p.mark().key(), view).isTrue();
            }
        }
    }

    @Test
    void crowdedPlacesAreSpreadAndTheirLabelsGetLeaderLines() {
        MapLayout layout = MapSvg.layout(run("outage"));
        // Frankfurt: two clients, two resolvers and the front door share one spot.
        for (String key : List.of("client:cached", "client:uncached", "resolver:frankfurt-isp",
                "resolver:frankfurt-nocache", "site:fra")) {
            assertThat(layout.get(key).moved()).as(key).isTrue();
        }
        MapLayout vpn = MapSvg.layout(run("vpn-shift"));
        assertThat(vpn.get("resolver:seattle-vpn-split").moved()).isTrue();
        assertThat(MapSvg.layout(run("outage")).placed()).isEqualTo(layout.placed());
    }

    @Test
    void aLabelPushedAwayByItsNeighboursGetsALeaderLineFromTheMarkerToTheLabel() {
        List<MapLayout.Mark> marks = new ArrayList<>();
        marks.add(new MapLayout.Mark("centre", MapLayout.Kind.CLIENT, "a rather long label", 200, 200));
        for (int i = 0; i < 8; i++) {
            double a = Math.toRadians(45 * i);
            marks.add(new MapLayout.Mark("n" + i, MapLayout.Kind.SITE, "n" + i, 200 + 25 * Math.cos(a),
                    200 + 25 * Math.sin(a)));
        }
        MapLayout layout = MapLayout.of(marks, new double[] {0, 0, 400, 400}, 1, 11);
        MapLayout.Placed centre = layout.get("centre");
        assertThat(centre.moved()).as("no two marks share a place here").isFalse();
        assertThat(centre.leader()).isTrue();
        assertThat(Math.hypot(centre.leaderX1() - 200, centre.leaderY1() - 200)).isLessThan(layout.markerRadius());
        MapLayout.Box b = centre.label();
        assertThat(centre.leaderX2()).isBetween(b.x(), b.x() + b.w());
        assertThat(centre.leaderY2()).isBetween(b.y(), b.y() + b.h());
        for (MapLayout.Placed p : layout.placed()) {
            for (MapLayout.Placed q : layout.placed()) {
                if (p != q) {
                    assertThat(p.label().overlaps(q.label()) || p.label().overlaps(q.marker())).isFalse();
                }
            }
        }
    }

    @Test
    void theSameRunGivesTheSameMap() {
        String first = mapOf(ReportFormat.HTML.render(run("outage")));
        RunResult again;
        try {
            again = new ScenarioRunner(BuiltInScenarios.load("outage")).run();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(mapOf(ReportFormat.HTML.render(again))).isEqualTo(first);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void questionsAreDrawnAfterThePathsAndLabelsLast(String name) throws Exception {
        List<Element> svg = svgElements(ReportFormat.HTML.render(run(name)));
        int lastPaths = -1;
        int dns = -1;
        int labels = -1;
        int lastMarker = -1;
        for (int i = 0; i < svg.size(); i++) {
            String cls = svg.get(i).getAttribute("class");
            if (cls.equals("paths")) {
                lastPaths = i;
            } else if (cls.equals("dns-paths")) {
                dns = i;
            } else if (cls.equals("labels")) {
                labels = i;
            } else if (svg.get(i).hasAttribute("data-client") || svg.get(i).hasAttribute("data-site")) {
                lastMarker = i;
            }
        }
        assertThat(lastPaths).as("a group of paths").isNotNegative();
        assertThat(dns).as("the questions come after every path").isGreaterThan(lastPaths);
        assertThat(lastMarker).isGreaterThan(dns);
        assertThat(labels).isGreaterThan(lastMarker);
        long questions = svg.stream().filter(e -> e.getAttribute("class").equals("dns")).count();
        assertThat(questions).isEqualTo(run(name).scenario().clients().size());
    }

    @Test
    void outageHasOneFramePerRoundWithTheDrainedSiteMarkedWhileDrained() throws Exception {
        RunResult run = run("outage");
        String html = ReportFormat.HTML.render(run);
        List<Element> svg = svgElements(html);
        for (int round = 0; round < run.scenario().rounds(); round++) {
            String r = String.valueOf(round);
            List<Element> frames = svg.stream().filter(e -> r.equals(e.getAttribute("data-round"))).toList();
            assertThat(frames.stream().filter(e -> child(e, "paths") != null)).as("round %s", r).hasSize(1);
            List<String> marked = new ArrayList<>();
            for (Element f : frames) {
                NodeList all = f.getElementsByTagNameNS("*", "*");
                for (int i = 0; i < all.getLength(); i++) {
                    String site = ((Element) all.item(i)).getAttribute("data-drained-site");
                    if (!site.isEmpty()) {
                        marked.add(site);
                    }
                }
            }
            // fra is drained at t=5 s (before round 1) and restored at t=45 s (before round 5)
            assertThat(marked).as("round %s", r).isEqualTo(round >= 1 && round <= 4 ? List.of("fra") : List.of());
        }
        assertThat(svg.stream().filter(e -> "all".equals(e.getAttribute("data-round")))).hasSize(1);
        assertThat(html).contains("id=\"map-frame-all\" checked=\"checked\"")
                .contains("<label for=\"map-frame-1\" class=\"round has-drained\">round 1, t=11 s, fra drained</label>")
                .contains("#map-frame-3:checked ~ .mapbox .frame-3{display:inline}")
                .contains("Round 3, t=33 s, fra drained: cached exchange -&gt; HHN");
        assertThat(MapSvg.drainedIn(run.events(), 0)).isEmpty();
        assertThat(MapSvg.drainedIn(run.events(), 4)).containsExactly("fra");
        assertThat(MapSvg.drainedIn(run.events(), 5)).isEmpty();
    }

    @Test
    void aScenarioWithoutEventsHasOneFrameAndNoSelector() throws Exception {
        String html = ReportFormat.HTML.render(run("vpn-shift"));
        assertThat(html).doesNotContain("<input").doesNotContain("display:none");
        assertThat(svgElements(html).stream().filter(e -> e.hasAttribute("data-round"))).singleElement()
                .satisfies(e -> assertThat(e.getAttribute("data-round")).isEqualTo("all"));
    }

    @Test
    void labelWidthsFollowTheFontsMetrics() {
        assertThat(TextWidth.of("iii", 10)).isLessThan(TextWidth.of("mmm", 10));
        assertThat(TextWidth.of("frankfurt-nocache", 11)).isBetween(90.0, 120.0);
        assertThat(TextWidth.of("abc", 20)).isEqualTo(2 * TextWidth.of("abc", 10));
    }

    static String mapOf(String html) {
        int from = html.indexOf("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\"");
        return html.substring(from, html.indexOf("</svg>", from));
    }

    private static Element child(Element e, String cls) {
        NodeList kids = e.getChildNodes();
        for (int i = 0; i < kids.getLength(); i++) {
            if (kids.item(i) instanceof Element c && cls.equals(c.getAttribute("class"))) {
                return c;
            }
        }
        return null;
    }

    /** Every element of the map's SVG, in document order. */
    private static List<Element> svgElements(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        NodeList svgs = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg");
        for (int i = 0; i < svgs.getLength(); i++) {
            Element svg = (Element) svgs.item(i);
            if (svg.getAttribute("class").equals("map")) {
                NodeList nodes = svg.getElementsByTagNameNS("*", "*");
                List<Element> out = new ArrayList<>();
                for (int j = 0; j < nodes.getLength(); j++) {
                    out.add((Element) nodes.item(j));
                }
                return out;
            }
        }
        throw new AssertionError("no map in the page");
    }
}
