package dev.geodns.testbed.lab;

import dev.geodns.config.WorldException;
import dev.geodns.testbed.runner.LookupResult;
import dev.geodns.testbed.runner.RunResult;
import dev.geodns.testbed.runner.ScenarioRunner;
import dev.geodns.testbed.scenario.ClientSpec;
import dev.geodns.testbed.scenario.Lookup;
import dev.geodns.testbed.scenario.MeasuredExpectation;
import dev.geodns.testbed.scenario.ResolverSpec;
import dev.geodns.testbed.scenario.Scenario;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Plays a scenario's lookups with real clients in a running lab (dig for DNS, curl for HTTP, each
 * run as the client) and the same scenario through the model, so each lookup's measured figures
 * stand beside the modelled ones.
 */
public final class LabRun {
    /** HTTP requests per lookup; the time to first byte reported is their median. */
    public static final int TRIES = 3;

    /** A measured expectation and whether it held. */
    public record Check(MeasuredExpectation expectation, double measuredMs, boolean passed) {
    }

    /** The model's run, the lab's measurements and the measured expectations checked. */
    public record Result(RunResult model, List<MeasuredLookup> measured, List<Check> checks) {
        public Result {
            measured = List.copyOf(measured);
            checks = List.copyOf(checks);
        }

        /** True when the model's expectations and the measured ones all held. */
        public boolean passed() {
            return model.status() != RunResult.Status.FAILED && checks.stream().allMatch(Check::passed);
        }
    }

    private LabRun() {
    }

    public static Result run(LabPlan plan, Scenario scenario, List<MeasuredExpectation> expectations,
            Consumer<String> log)
            throws IOException, InterruptedException, WorldException {
        RunResult model = new ScenarioRunner(emulated(scenario)).run();
        List<MeasuredLookup> out = new ArrayList<>();
        for (ClientSpec c : scenario.clients()) {
            LabNode node = plan.node(LabRole.CLIENT, c.id()).orElseThrow();
            for (Lookup l : c.lookups()) {
                out.add(measure(node, c, l, model));
                MeasuredLookup m = out.get(out.size() - 1);
                log.accept(String.format("  %s %s: %s, front door %s, dns %.0f ms, ttfb %.1f ms (model %s, %.1f ms)",
                        c.id(), l.text(), m.answer(), m.frontDoor(), m.dnsMs(), m.ttfbMs(), m.modelSite(),
                        m.modelRttMs()));
            }
        }
        List<Check> checks = new ArrayList<>();
        for (MeasuredExpectation e : expectations) {
            double ms = out.stream().filter(m -> m.client().equals(e.client()) && m.lookup().equals(e.lookup()))
                    .mapToDouble(MeasuredLookup::ttfbMs).findFirst().orElse(Double.NaN);
            checks.add(new Check(e, ms, !Double.isNaN(ms) && e.ttfbMs().contains(ms)));
        }
        return new Result(model, out, checks);
    }

    private static MeasuredLookup measure(LabNode node, ClientSpec c, Lookup l, RunResult model)
            throws IOException, InterruptedException {
        String name = l.name().endsWith(".") ? l.name().substring(0, l.name().length() - 1) : l.name();
        LookupResult modelled = model.result(c.id(), l.text()).orElse(null);
        String modelSite = modelled == null || modelled.site() == null ? null : modelled.site().id();
        double modelRtt = modelled == null ? Double.NaN : modelled.rttMs();
        double penalty = modelled == null ? Double.NaN : modelled.penaltyMs();
        DnsProbe.Answer dns = DnsProbe.lookup(node.namespace(), name);
        String path = l.service() != null && l.service().startsWith("exchange") ? "/owa/" : "/";
        List<Double> ttfb = new ArrayList<>();
        HttpProbe.Reply last = null;
        for (int i = 0; i < TRIES; i++) {
            last = HttpProbe.get(node.namespace(), "http://" + name + path);
            if (last.error() != null) {
                break;
            }
            ttfb.add(last.ttfbAfterDnsMs());
        }
        String site = last.header("X-GeoDNS-Site");
        site = site == null ? null : site.split("\\s+")[0];
        String door = frontDoor(last);
        String applied = last.header("X-GeoDNS-Delay-Ms");
        String error = dns.error() != null ? dns.error() : last.error();
        return new MeasuredLookup(c.id(), l.text(), name, dns.addresses(), dns.ms(), site, door,
                HttpProbe.median(ttfb), applied == null ? Double.NaN : parse(applied), modelSite, modelRtt, penalty,
                error);
    }

    /** The front door's name for itself: X-FEServer (Exchange), Ref B of X-MSEdge-Ref (edge), X-GeoDNS-Farm (SharePoint). */
    static String frontDoor(HttpProbe.Reply r) {
        if (r.header("X-FEServer") != null) {
            return r.header("X-FEServer");
        }
        String ref = r.header("X-MSEdge-Ref");
        if (ref != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Ref B: (\\S+)").matcher(ref);
            return m.find() ? m.group(1) : ref;
        }
        return r.header("X-GeoDNS-Farm");
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The scenario with every resolver emulated: the model's side runs in process, on loopback only. */
    static Scenario emulated(Scenario s) {
        List<ResolverSpec> resolvers = s.resolvers().stream().map(r -> new ResolverSpec(r.id(), r.kind(), r.place(),
                r.address(), r.ecs(), r.cache(), r.office(), r.tunnel(), r.tunnelPool())).toList();
        return new Scenario(s.name(), s.description(), s.source(), s.world(), s.worldSource(), s.model(), s.rounds(),
                s.roundSeconds(), s.recordType(), s.tenants(), resolvers, s.clients(), s.events(), s.expectations(),
                s.stubClient());
    }
}
