package dev.geodns.testbed.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.geodns.config.latency.GreatCircle;
import dev.geodns.config.latency.LatencySettings;
import dev.geodns.config.latency.Leg;
import dev.geodns.config.latency.Point;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.Tenant;
import dev.geodns.testbed.model.PenaltyBand;
import dev.geodns.testbed.runner.AppliedEvent;
import dev.geodns.testbed.runner.Comparison;
import dev.geodns.testbed.runner.Decision;
import dev.geodns.testbed.runner.ExpectationResult;
import dev.geodns.testbed.runner.LookupResult;
import dev.geodns.testbed.runner.Move;
import dev.geodns.testbed.runner.Resolution;
import dev.geodns.testbed.runner.ResolverRun;
import dev.geodns.testbed.runner.RunResult;
import dev.geodns.testbed.runner.Step;
import dev.geodns.testbed.scenario.ClientSpec;
import dev.geodns.testbed.scenario.Lookup;
import dev.geodns.testbed.scenario.ResolverSpec;
import dev.geodns.testbed.scenario.Scenario;
import dev.geodns.testbed.scenario.Where;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON report. Its schema is versioned ({@value #SCHEMA}), written down as JSON Schema in the
 * resource {@value #SCHEMA_RESOURCE} and described in testbed/README.md: keys are only ever added
 * within a version; unknown values are null, never absent. Distances are rounded to 0.1 km, times
 * to 0.01 ms, seconds to 0.001 s. Version 2 added real resolvers: per resolver its software and
 * process, per result whether the resolver's cache answered and the ECS the emulator received and
 * the scope it returned, the stub client's queries, the moves after drains, and skipped lookups.
 * Version 3 added the server's routing decision on every step, expectations stated per resolver
 * software (status {@code not-applicable} for the others), the top-level {@code kind}, and the
 * comparison report of {@code --resolver-kind all} ({@code kind: comparison}), which holds one run
 * report per software.
 */
public final class JsonReport {
    /** The value of the top-level {@code schema} key. */
    public static final String SCHEMA = "geodns-testbed-report/3";
    /** Classpath location of the JSON Schema of the report. */
    public static final String SCHEMA_RESOURCE = "/dev/geodns/testbed/report/report.schema.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    static String render(RunResult run) {
        return write(tree(run));
    }

    static String render(Comparison comparison) {
        return write(tree(comparison));
    }

    private static String write(Map<String, Object> tree) {
        try {
            return MAPPER.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The comparison report: the matrix, the moves per event and software, the findings, and every run. */
    public static Map<String, Object> tree(Comparison c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", SCHEMA);
        m.put("kind", "comparison");
        m.put("generatedAt", c.startedAt().toString());
        m.put("wallTimeMs", c.wallTime().toMillis());
        Map<String, Object> sc = new LinkedHashMap<>();
        sc.put("name", c.scenario().name());
        sc.put("description", c.scenario().description());
        sc.put("source", c.scenario().source());
        sc.put("rounds", c.scenario().rounds());
        sc.put("roundSeconds", c.scenario().roundSeconds());
        m.put("scenario", sc);
        List<Object> softwares = new ArrayList<>();
        for (Comparison.Entry e : c.entries()) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("software", e.software());
            em.put("ran", e.ran());
            em.put("message", e.unavailable());
            em.put("status", e.ran() ? e.run().status().name().toLowerCase(Locale.ROOT) : null);
            em.put("clock", e.ran() ? e.run().clock() : null);
            em.put("failedExpectations", e.ran() ? e.run().failedExpectations() : null);
            softwares.add(em);
        }
        m.put("softwares", softwares);
        List<Object> matrix = new ArrayList<>();
        for (Comparison.Row r : c.matrix()) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("client", r.client());
            rm.put("lookup", r.lookup());
            rm.put("round", r.round());
            rm.put("differs", r.differs());
            List<Object> cells = new ArrayList<>();
            for (Comparison.Cell cell : r.cells()) {
                LookupResult l = cell.result();
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("software", cell.software());
                cm.put("timeSeconds", seconds(l.timeSeconds()));
                cm.put("status", l.status().name().toLowerCase(Locale.ROOT));
                cm.put("site", l.site() == null ? null : l.site().id());
                cm.put("siteDrained", l.siteDrained());
                cm.put("cacheHit", l.resolution().cacheHit());
                cm.put("ecsReceived", l.resolution().ecsReceived());
                cm.put("ecsScope", l.resolution().ecsScope());
                cm.put("upstreamQueries", l.resolution().upstreamQueries());
                cells.add(cm);
            }
            rm.put("cells", cells);
            matrix.add(rm);
        }
        m.put("matrix", matrix);
        List<Object> moves = new ArrayList<>();
        for (Comparison.EventMove mv : c.eventMoves()) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("event", mv.event());
            mm.put("round", mv.round());
            mm.put("client", mv.client());
            mm.put("lookup", mv.lookup());
            mm.put("differs", mv.differs());
            List<Object> by = new ArrayList<>();
            mv.times().forEach((software, ch) -> {
                Map<String, Object> bm = new LinkedHashMap<>();
                bm.put("software", software);
                bm.put("from", ch == null ? null : ch.from());
                bm.put("movedTo", ch == null ? null : ch.to());
                bm.put("movedRound", ch == null ? null : ch.round());
                bm.put("seconds", ch == null || ch.seconds() == null ? null : seconds(ch.seconds()));
                by.add(bm);
            });
            mm.put("bySoftware", by);
            moves.add(mm);
        }
        m.put("moves", moves);
        m.put("findings", c.findings());
        m.put("runs", c.runs().stream().map(JsonReport::tree).toList());
        Map<String, Object> sum = new LinkedHashMap<>();
        sum.put("status", c.status().name().toLowerCase(Locale.ROOT));
        sum.put("softwares", c.softwares());
        sum.put("findings", c.findings().size());
        m.put("summary", sum);
        return m;
    }

    /** The report as plain maps and lists, in key order. */
    public static Map<String, Object> tree(RunResult run) {
        Scenario s = run.scenario();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", SCHEMA);
        m.put("kind", "run");
        m.put("generatedAt", run.startedAt().toString());
        Map<String, Object> sc = new LinkedHashMap<>();
        sc.put("name", s.name());
        sc.put("description", s.description());
        sc.put("source", s.source());
        sc.put("rounds", s.rounds());
        sc.put("roundSeconds", s.roundSeconds());
        sc.put("recordType", org.xbill.DNS.Type.string(s.recordType()));
        sc.put("stubClient", s.stubClient());
        m.put("scenario", sc);
        Map<String, Object> world = new LinkedHashMap<>();
        world.put("name", s.world().name());
        world.put("source", s.worldSource());
        m.put("world", world);
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("address", run.server());
        server.put("inProcess", run.inProcess());
        m.put("server", server);
        m.put("wallTimeMs", run.wallTime().toMillis());
        m.put("clock", run.clock());
        m.put("model", model(run));
        m.put("tenants", s.tenants().stream().map(id -> tenant(s.world().tenant(id).orElseThrow())).toList());
        m.put("resolvers", s.resolvers().stream().map(r -> resolver(r, run)).toList());
        m.put("clients", s.clients().stream().map(JsonReport::client).toList());
        m.put("sites", run.sites().stream().map(JsonReport::site).toList());
        List<Object> events = new ArrayList<>();
        for (AppliedEvent e : run.events()) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("round", e.round());
            em.put("atSeconds", seconds(e.timeSeconds()));
            em.put("action", e.event().action().name().toLowerCase(Locale.ROOT));
            em.put("site", e.event().site());
            events.add(em);
        }
        m.put("events", events);
        m.put("results", run.results().stream().map(r -> result(r, run)).toList());
        List<Object> moves = new ArrayList<>();
        for (Move mv : run.moves()) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("site", mv.site());
            mm.put("drainedAt", seconds(mv.drainedAt()));
            mm.put("fromRound", mv.fromRound());
            mm.put("client", mv.client());
            mm.put("lookup", mv.lookup());
            mm.put("resolver", mv.resolver());
            mm.put("movedTo", mv.movedTo());
            mm.put("movedAt", mv.movedAt() == null ? null : seconds(mv.movedAt()));
            mm.put("movedRound", mv.movedRound());
            mm.put("seconds", mv.seconds() == null ? null : seconds(mv.seconds()));
            mm.put("staleAnswers", mv.staleAnswers());
            moves.add(mm);
        }
        m.put("moves", moves);
        List<Object> ex = new ArrayList<>();
        for (ExpectationResult e : run.expectations()) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("text", e.expectation().describe());
            em.put("client", e.expectation().client());
            em.put("lookup", e.expectation().lookup());
            em.put("round", e.expectation().round());
            em.put("passed", e.passed());
            em.put("status", e.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            em.put("software", e.expectation().software().only());
            em.put("unlessSoftware", e.expectation().software().except());
            em.put("checked", e.checked());
            em.put("skipped", e.skipped());
            em.put("notApplicable", e.notApplicable());
            em.put("failures", e.failures());
            ex.add(em);
        }
        m.put("expectations", ex);
        Map<String, Object> sum = new LinkedHashMap<>();
        sum.put("lookups", run.results().size());
        sum.put("reachedSite", run.results().stream().filter(LookupResult::ok).count());
        sum.put("expectations", run.expectations().size());
        sum.put("failed", run.failedExpectations());
        sum.put("passed", run.passed());
        sum.put("status", run.status().name().toLowerCase(Locale.ROOT));
        sum.put("skippedLookups", run.skippedLookups());
        sum.put("skippedExpectations", run.skippedExpectations());
        sum.put("notApplicableExpectations", run.notApplicableExpectations());
        sum.put("skipReasons", run.skipReasons());
        m.put("summary", sum);
        return m;
    }

    private static Map<String, Object> model(RunResult run) {
        LatencySettings ms = run.model().settings();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fibreKmPerMs", ms.fibreKmPerMs());
        m.put("stretch", ms.stretch());
        m.put("backboneStretch", ms.backboneStretch());
        m.put("backboneServices", ms.backboneServices());
        m.put("earthRadiusKm", GreatCircle.EARTH_RADIUS_KM);
        m.put("formula", run.model().formula());
        Map<String, Object> bands = new LinkedHashMap<>();
        bands.put("goodUpToMs", PenaltyBand.GOOD_UP_TO_MS);
        bands.put("fairUpToMs", PenaltyBand.FAIR_UP_TO_MS);
        m.put("penaltyBands", bands);
        m.put("statements", Text.modelLines(run));
        return m;
    }

    static Map<String, Object> place(Where w) {
        return w == null ? null : place(new Point(w.label(), w.latitude(), w.longitude(), w.continent()));
    }

    static Map<String, Object> place(Point w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", w.label());
        m.put("latitude", w.latitude());
        m.put("longitude", w.longitude());
        m.put("continent", w.continent());
        return m;
    }

    private static Map<String, Object> tenant(Tenant t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("cloud", t.cloud());
        m.put("home", t.home());
        m.put("failover", t.failover());
        m.put("mailbox", t.mailbox());
        return m;
    }

    private static Map<String, Object> resolver(ResolverSpec r, RunResult run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
        m.put("software", r.softwareId());
        ResolverRun rr = run.resolverRun(r.id()).orElse(null);
        m.put("status", rr == null ? ResolverRun.EMULATED : rr.status());
        m.put("pid", rr == null ? null : rr.pid());
        m.put("binary", rr == null ? null : rr.binary());
        m.put("listen", rr == null ? null : rr.address());
        m.put("message", rr == null ? null : rr.message());
        m.put("place", place(r.place()));
        m.put("address", r.address().getHostAddress());
        m.put("ecs", r.ecs().text());
        m.put("cache", r.cache());
        m.put("office", place(r.office()));
        m.put("tunnel", r.tunnel() == null ? null : r.tunnel().name().toLowerCase(Locale.ROOT));
        m.put("tunnelPool", r.tunnelPool() == null ? null : r.tunnelPool().toString());
        return m;
    }

    private static Map<String, Object> client(ClientSpec c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("place", place(c.place()));
        m.put("address", c.address().getHostAddress());
        m.put("resolver", c.resolver());
        m.put("localResolver", c.localResolver());
        m.put("tenant", c.tenant());
        List<Object> lookups = new ArrayList<>();
        for (Lookup l : c.lookups()) {
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("text", l.text());
            lm.put("name", l.name());
            lm.put("service", l.service());
            lm.put("tenant", l.tenant());
            lookups.add(lm);
        }
        m.put("lookups", lookups);
        return m;
    }

    static Map<String, Object> site(Site s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("kind", s.kind().yamlName());
        m.put("code", s.code());
        m.put("cloud", s.cloud());
        m.put("place", place(Where.of(s.place())));
        return m;
    }

    private static Map<String, Object> result(LookupResult r, RunResult run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("round", r.round());
        m.put("timeSeconds", seconds(r.timeSeconds()));
        m.put("client", r.client().id());
        m.put("lookup", r.lookup().text());
        m.put("name", r.lookup().name());
        m.put("service", r.lookup().service());
        m.put("resolver", r.resolver());
        m.put("software", software(run, r.resolver()));
        m.put("path", r.path().tag());
        m.put("resolverDistanceKm", km(r.resolverDistanceKm()));
        m.put("resolverFar", r.resolverFar());
        m.put("status", r.status().name().toLowerCase(Locale.ROOT));
        m.put("skipped", r.skipped());
        m.put("site", r.site() == null ? null : r.site().id());
        m.put("siteDrained", r.siteDrained());
        m.put("error", r.error());
        m.put("addresses", r.resolution().addresses().stream().map(a -> a.getHostAddress()).toList());
        m.put("distanceKm", km(r.distanceKm()));
        m.put("rttMs", ms(r.rttMs()));
        m.put("legs", legs(r.legs()));
        observation(m, r.resolution());
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("resolver", r.baseline().resolver());
        b.put("software", software(run, r.baseline().resolver()));
        b.put("sameAsRun", r.sameAsBaseline());
        b.put("site", r.baseline().site() == null ? null : r.baseline().site().id());
        b.put("distanceKm", km(r.baseline().distanceKm()));
        b.put("rttMs", ms(r.baseline().rttMs()));
        b.put("legs", legs(r.baseline().legs()));
        b.put("steps", r.sameAsBaseline() ? List.of() : steps(r.baseline().resolution()));
        if (r.sameAsBaseline()) {
            b.put("cacheHit", null);
            b.put("ecsReceived", null);
            b.put("ecsScope", null);
            b.put("upstreamQueries", null);
            b.put("stubQueries", List.of());
        } else {
            observation(b, r.baseline().resolution());
        }
        m.put("baseline", b);
        m.put("penaltyMs", ms(r.penaltyMs()));
        m.put("band", r.band().label());
        m.put("steps", steps(r.resolution()));
        return m;
    }

    /** What the emulator saw of one resolution, and the stub client's queries to a real resolver. */
    private static void observation(Map<String, Object> m, Resolution res) {
        m.put("cacheHit", res.cacheHit());
        m.put("ecsReceived", res.ecsReceived());
        m.put("ecsScope", res.ecsScope());
        m.put("upstreamQueries", res.upstreamQueries());
        List<Object> out = new ArrayList<>();
        for (Resolution.StubQuery q : res.stubQueries()) {
            Map<String, Object> qm = new LinkedHashMap<>();
            qm.put("tool", q.tool());
            qm.put("source", q.source());
            qm.put("resolver", q.resolver());
            qm.put("name", q.name());
            qm.put("type", q.type());
            qm.put("rcode", q.rcode());
            qm.put("tookMs", ms(q.tookMs()));
            qm.put("answers", answers(q.answers()));
            out.add(qm);
        }
        m.put("stubQueries", out);
    }

    /** The software of a resolver of the run: {@code emulated} for the client's own-address baseline. */
    private static String software(RunResult run, String resolverId) {
        return run.scenario().resolver(resolverId).map(ResolverSpec::softwareId).orElse(ResolverSpec.EMULATED);
    }

    private static List<Object> answers(List<Step.Answer> answers) {
        List<Object> out = new ArrayList<>();
        for (Step.Answer a : answers) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("name", a.name());
            am.put("type", a.type());
            am.put("ttl", a.ttl());
            am.put("data", a.data());
            out.add(am);
        }
        return out;
    }

    private static List<Object> legs(List<Leg> legs) {
        List<Object> out = new ArrayList<>();
        for (Leg l : legs) {
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("kind", l.kind().label());
            lm.put("from", place(l.from()));
            lm.put("to", place(l.to()));
            lm.put("distanceKm", km(l.distanceKm()));
            lm.put("stretch", l.stretch());
            lm.put("rttMs", ms(l.rttMs()));
            out.add(lm);
        }
        return out;
    }

    private static List<Object> steps(Resolution res) {
        List<Object> out = new ArrayList<>();
        for (Step s : res.steps()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("fromCache", s.fromCache());
            sm.put("timeSeconds", seconds(s.timeSeconds()));
            sm.put("name", s.name());
            sm.put("type", s.type());
            sm.put("source", s.source());
            sm.put("ecsSent", s.ecsSent());
            sm.put("ecsScope", s.ecsScope());
            sm.put("rcode", s.rcode());
            sm.put("answers", answers(s.answers()));
            sm.put("decision", decision(s.decision()));
            out.add(sm);
        }
        return out;
    }

    private static Map<String, Object> decision(Decision d) {
        if (d == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("site", d.site());
        m.put("policy", d.policy());
        m.put("service", d.service());
        m.put("tenant", d.tenant());
        m.put("located", d.located());
        m.put("locatedBy", d.locatedBy());
        m.put("place", d.place());
        m.put("origin", d.origin());
        m.put("ecsScope", d.ecsScope());
        m.put("defaultUsed", d.defaultUsed());
        m.put("drainedSkipped", d.drainedSkipped());
        return m;
    }

    /** Seconds to the millisecond (wall-clock times carry nanoseconds). */
    private static double seconds(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static Double km(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 10) / 10.0;
    }

    private static Double ms(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 100) / 100.0;
    }
}
