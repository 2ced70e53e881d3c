package dev.geodns.testbed.runner;

import dev.geodns.config.WorldCompiler;
import dev.geodns.config.WorldException;
import dev.geodns.config.compiled.CompiledWorld;
import dev.geodns.config.latency.GreatCircle;
import dev.geodns.config.latency.LatencyModel;
import dev.geodns.config.latency.Leg;
import dev.geodns.config.latency.Point;
import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.Continent;
import dev.geodns.config.model.EndpointCategory;
import dev.geodns.config.model.Place;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.SiteKind;
import dev.geodns.config.model.World;
import dev.geodns.server.policy.anycast.AnycastPolicy;
import dev.geodns.testbed.resolvers.EcsMode;
import dev.geodns.testbed.resolvers.EmulatorQueryLog;
import dev.geodns.testbed.resolvers.ResolverProcess;
import dev.geodns.testbed.resolvers.ResolverUnavailableException;
import dev.geodns.testbed.scenario.ClientSpec;
import dev.geodns.testbed.scenario.Ecs;
import dev.geodns.testbed.scenario.EventSpec;
import dev.geodns.testbed.scenario.Format;
import dev.geodns.testbed.scenario.Lookup;
import dev.geodns.testbed.scenario.ResolverSpec;
import dev.geodns.testbed.scenario.Scenario;
import dev.geodns.testbed.scenario.Where;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a scenario: starts the server in-process on loopback (or uses one given), starts the real
 * resolvers the scenario names, then, round by round, applies the due events and has every client
 * look up every name through its resolver and through its local resolver, maps the final addresses
 * back to sites, models the path, and checks the expectations. One run per instance; not
 * thread-safe.
 *
 * <p>Clock: with emulated resolvers only, rounds follow a virtual clock (nothing sleeps; caches age
 * by the scenario's times). With a real resolver in the run its cache ages in real time, so the run
 * follows the wall clock: it starts on a whole second (unbound counts TTLs in whole seconds), events
 * are applied at their {@code at_seconds}, rounds start {@code round_seconds} apart, and every time
 * reported is measured.
 *
 * <p>Real resolvers: each is started on its scenario address, port 53 (listen address and pinned
 * outgoing source), forwarding the world's zones and "." to the server, with the ECS its scenario
 * entry maps to; all are stopped by PID at the end, also when the run fails. One that cannot run
 * (binary missing, port 53 not bindable) makes the lookups through it SKIPPED, with the message
 * naming the Debian package.
 *
 * <p>Baseline (the penalty's reference): the client's {@code local_resolver} when given; else, when
 * the client's own resolver is {@code local}, that same lookup (penalty 0); else an emulated resolver
 * standing at the client's own address, without ECS.
 */
public final class ScenarioRunner {
    private final Scenario scenario;
    private InetSocketAddress server;
    private AdminClient admin;
    private Progress progress = Progress.NONE;
    private Duration timeout = Duration.ofSeconds(3);

    public ScenarioRunner(Scenario scenario) {
        this.scenario = scenario;
    }

    /**
     * Asks a server already running at {@code address} instead of starting one (it must serve the
     * same world; with real resolvers it must be on loopback, where they can forward to it).
     */
    public ScenarioRunner server(InetSocketAddress address) {
        this.server = address;
        return this;
    }

    /**
     * With {@link #server}: the admin API of that server (e.g. {@code http://127.0.0.1:9153}), through
     * which the scenario's drain and restore events are applied.
     *
     * @param token its bearer token, or null
     */
    public ScenarioRunner admin(String url, String token) {
        this.admin = new AdminClient(url, token);
        return this;
    }

    public ScenarioRunner progress(Progress progress) {
        this.progress = progress;
        return this;
    }

    /** How long the emulated resolver waits for each reply (default 3 s; stub clients wait 3 s). */
    public ScenarioRunner timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /**
     * Runs the scenario.
     *
     * @throws IllegalStateException when the scenario has events and the server is neither in-process nor
     *     reachable through its admin API, or
     *     has real resolvers and the server given is not on loopback
     * @throws IOException when a real resolver fails to start for another reason than a missing binary
     *     (address in use, bad config); the ones already started are stopped
     */
    public RunResult run() throws IOException, InterruptedException, WorldException {
        if (server != null && admin == null && !scenario.events().isEmpty()) {
            throw new IllegalStateException("scenario " + scenario.name() + " has events (drain/restore), which need"
                    + " the in-process server or the server's admin API: give --admin URL, or run it without --server");
        }
        boolean real = scenario.hasRealResolvers();
        if (real && server != null && !server.getAddress().isLoopbackAddress()) {
            throw new IllegalStateException("scenario " + scenario.name() + " has real resolvers, which forward to the"
                    + " server on loopback only; " + server.getAddress().getHostAddress() + " is not a loopback address");
        }
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        World world = scenario.world();
        CompiledWorld compiled = WorldCompiler.compile(world);
        // The in-process server's observer: real resolvers' upstream queries and every routing decision.
        EmulatorQueryLog log = server == null ? new EmulatorQueryLog() : null;
        List<ResolverProcess> processes = new ArrayList<>();
        try (Target target = server == null ? Target.inProcess(world, log) : Target.remote(server, admin)) {
            progress.note("scenario " + scenario.name() + ": server " + target.describe() + ", "
                    + scenario.clients().size() + " clients, " + scenario.rounds() + " round(s)");
            DnsAsker asker = new DnsAsker(target.dnsAddress(), timeout);
            Map<String, LabResolver> resolvers = new LinkedHashMap<>();
            List<ResolverRun> runs = new ArrayList<>();
            try {
                startResolvers(compiled, target, asker, log, resolvers, runs, processes);
                Clock clock = real ? Clock.wall() : Clock.virtual();
                if (real) {
                    progress.note("real resolvers in the run: following the wall clock");
                }
                Map<String, EmulatedResolver> ownResolvers = new HashMap<>();
                LatencyModel model = new LatencyModel(scenario.model());
                List<AppliedEvent> applied = new ArrayList<>();
                List<LookupResult> results = new ArrayList<>();
                Set<String> drained = new HashSet<>();
                int total = scenario.rounds() * scenario.clients().stream().mapToInt(c -> c.lookups().size()).sum();
                for (int round = 0; round < scenario.rounds(); round++) {
                    for (EventSpec e : scenario.events()) {
                        if (e.round() == round) {
                            clock.sleepUntil(e.atSeconds());
                            if (e.action() == EventSpec.Action.DRAIN) {
                                target.drain(e.site());
                                drained.add(e.site());
                            } else {
                                target.restore(e.site());
                                drained.remove(e.site());
                            }
                            double at = clock.eventTime(e.atSeconds());
                            applied.add(new AppliedEvent(e, round, at));
                            progress.note("  event: " + e.describe() + (real ? " (applied at " + Format.seconds(
                                    Math.round(at * 1000) / 1000.0) + ")" : ""));
                        }
                    }
                    clock.sleepUntil(scenario.timeOf(round));
                    for (int ci = 0; ci < scenario.clients().size(); ci++) {
                        ClientSpec c = scenario.clients().get(ci);
                        LabResolver mine = resolvers.get(c.resolver());
                        LabResolver base = baselineOf(c, resolvers, ownResolvers, asker);
                        for (Lookup l : c.lookups()) {
                            double now = clock.now(scenario.timeOf(round));
                            results.add(lookup(compiled, model, round, now, ci, c, l, mine, base, drained, log));
                        }
                    }
                    if (scenario.rounds() > 1 || total > 20) {
                        progress.note("round " + (round + 1) + "/" + scenario.rounds() + " (" + Format.seconds(
                                scenario.timeOf(round)) + ") done: " + results.size() + "/" + total + " lookups");
                    }
                }
                List<ExpectationResult> checked = Expectations.check(scenario.expectations(), results,
                        id -> scenario.resolver(id).map(ResolverSpec::softwareId).orElse(ResolverSpec.EMULATED));
                return new RunResult(scenario, model, target.describe(), server == null, started,
                        Duration.ofNanos(System.nanoTime() - t0), applied, results, checked, real, runs);
            } finally {
                for (int i = processes.size() - 1; i >= 0; i--) {
                    processes.get(i).close();
                }
            }
        }
    }

    /** Creates the scenario's resolvers, starting the real ones; {@code processes} gets every one started. */
    private void startResolvers(CompiledWorld compiled, Target target, DnsAsker asker, EmulatorQueryLog log, Map<String, LabResolver> out,
            List<ResolverRun> runs, List<ResolverProcess> processes)
            throws IOException, InterruptedException, WorldException {
        RealResolver.Stub stub = new RealResolver.Stub(scenario.stubClient());
        List<String> zones = compiled.zones().stream().map(z -> z.origin().toString()).toList();
        for (ResolverSpec r : scenario.resolvers()) {
            if (!r.real()) {
                out.put(r.id(), new EmulatedResolver(r, asker));
                runs.add(new ResolverRun(r.id(), r.softwareId(), ResolverRun.EMULATED, null, null, null, null, null));
                continue;
            }
            dev.geodns.testbed.resolvers.ResolverSpec spec = realSpec(r, target.dnsAddress(), zones);
            try {
                ResolverProcess p = ResolverProcess.start(spec);
                processes.add(p);
                out.put(r.id(), RealResolver.running(r, p, stub, log));
                runs.add(new ResolverRun(r.id(), r.softwareId(), ResolverRun.STARTED, p.pid(),
                        r.software().locate(r.binary()).toString(), p.address().getAddress().getHostAddress() + ":"
                                + p.address().getPort(), spec.toString(), null));
                progress.note("  resolver " + r.id() + ": " + r.softwareId() + " pid " + p.pid() + " at "
                        + r.address().getHostAddress() + ":53, ecs " + r.ecs().text()
                        + (r.cache() ? "" : ", cache flushed before every lookup") + ", clients ask with "
                        + stub.name());
            } catch (ResolverUnavailableException e) {
                out.put(r.id(), RealResolver.unavailable(r, e.getMessage(), stub));
                runs.add(new ResolverRun(r.id(), r.softwareId(), ResolverRun.SKIPPED, null, null, null, spec.toString(),
                        e.getMessage()));
                progress.note("  resolver " + r.id() + ": SKIPPED: " + e.getMessage());
            }
        }
    }

    /**
     * The real resolver for scenario resolver {@code r}: on its address, port 53, sending from it,
     * forwarding the world's zones to the server; {@code ecs: client-N} and {@code tunnel-N} become
     * the resolver's own ECS with N bits (for tunnel-N the client asks from its tunnel address).
     */
    static dev.geodns.testbed.resolvers.ResolverSpec realSpec(ResolverSpec r, InetSocketAddress upstream,
            List<String> zones) {
        dev.geodns.testbed.resolvers.ResolverSpec spec = dev.geodns.testbed.resolvers.ResolverSpec.of(r.software(),
                r.address(), upstream, zones).withBinary(r.binary());
        return switch (r.ecs().mode()) {
            case NONE -> spec;
            case CLIENT, TUNNEL -> spec.withEcs(EcsMode.CLIENT).withEcsBits(r.ecs().prefixLength(), spec.ecsIpv6Bits());
            case FIXED -> throw new IllegalArgumentException("resolver " + r.id() + ": a real resolver cannot send the"
                    + " fixed subnet " + r.ecs().text());
        };
    }

    /** The resolver for the client's baseline, or null when the client's own resolver is it. */
    private LabResolver baselineOf(ClientSpec c, Map<String, LabResolver> resolvers,
            Map<String, EmulatedResolver> own, DnsAsker asker) {
        if (c.localResolver() != null) {
            return resolvers.get(c.localResolver());
        }
        if (!resolvers.get(c.resolver()).spec().isVpn()) {
            return null;
        }
        return own.computeIfAbsent(c.id(), id -> new EmulatedResolver(new ResolverSpec(id + "@own",
                ResolverSpec.Kind.LOCAL, c.place(), c.address(), Ecs.NONE, true, null, null, null), asker));
    }

    /** The modelled path of one lookup: through the office when its traffic goes through the VPN office. */
    private static List<Leg> path(World world, LatencyModel model, ClientSpec c, ResolverSpec resolver, Lookup l,
            Site site) {
        Point office = resolver != null && resolver.throughOffice(category(world, l)) ? point(resolver.office()) : null;
        return model.path(point(c.place()), office, site, model.mailboxSite(world, l.service(), l.tenant()));
    }

    /** The endpoint category of the lookup's service (a name of no service: Default). */
    private static EndpointCategory category(World world, Lookup l) {
        return l.service() == null ? EndpointCategory.DEFAULT
                : world.service(l.service()).map(Service::category).orElse(EndpointCategory.DEFAULT);
    }

    /**
     * The site the answer's addresses lead to: their site, or for an anycast site the edge nearest to
     * where the client's packets enter (the office when its traffic goes through it, else the client),
     * by the one rule the server's front doors use ({@link AnycastPolicy#edgeFor}).
     */
    private static Site reached(CompiledWorld compiled, Site site, ClientSpec c, ResolverSpec resolver, Lookup l,
            Set<String> drained) {
        if (site == null || site.kind() != SiteKind.ANYCAST) {
            return site;
        }
        int[] edges = compiled.frontDoors(site.cloud());
        if (edges.length == 0) {
            return site;
        }
        Where entry = resolver != null && resolver.throughOffice(category(compiled.world(), l)) ? resolver.office()
                : c.place();
        AnycastPolicy policy = new AnycastPolicy(compiled.siteIndex(site.id()), compiled.sites(), edges);
        // only the coordinates matter for the distance; the continent is a label
        Place from = new Place(entry.label(), null, entry.continent() == null ? Continent.NA
                : Continent.valueOf(entry.continent()), entry.latitude(), entry.longitude());
        return compiled.site(policy.edgeFor(from, i -> drained.contains(compiled.site(i).id())));
    }

    private static Point point(Where w) {
        return new Point(w.label(), w.latitude(), w.longitude(), w.continent());
    }

    private LookupResult lookup(CompiledWorld compiled, LatencyModel model, int round, double now,
            int clientIndex, ClientSpec c, Lookup l, LabResolver mine, LabResolver base, Set<String> drained,
            EmulatorQueryLog log) throws InterruptedException {
        int mark = log == null ? 0 : log.size();
        Resolution res = withDecisions(mine.resolve(c, clientIndex, l.name(), scenario.recordType(), now), log, mark);
        Site site = res.skipped() != null ? null
                : reached(compiled, compiled.siteOf(res.addresses()), c, mine.spec(), l, drained);
        List<Leg> legs = site == null ? List.of() : path(compiled.world(), model, c, mine.spec(), l, site);
        double rtt = site == null ? Double.NaN : LatencyModel.total(legs);
        double distance = site == null ? Double.NaN : distance(c, site);
        LookupResult.Baseline baseline;
        boolean same = base == null || base == mine;
        if (same) {
            baseline = new LookupResult.Baseline(mine.spec().id(), res, site, distance, legs, rtt);
        } else {
            int baseMark = log == null ? 0 : log.size();
            Resolution b = res.skipped() != null ? Resolution.skipped(res.skipped())
                    : withDecisions(base.resolve(c, clientIndex, l.name(), scenario.recordType(), now), log, baseMark);
            Site bs = b.skipped() != null ? null : reached(compiled, compiled.siteOf(b.addresses()), c, null, l, drained);
            List<Leg> bl = bs == null ? List.of() : path(compiled.world(), model, c, null, l, bs);
            baseline = new LookupResult.Baseline(base.spec().id(), b, bs, bs == null ? Double.NaN : distance(c, bs), bl,
                    bs == null ? Double.NaN : LatencyModel.total(bl));
        }
        double penalty = same && site != null ? 0 : rtt - baseline.rttMs();
        LookupResult.TrafficPath trafficPath = mine.spec().throughOffice(category(compiled.world(), l))
                ? LookupResult.TrafficPath.OFFICE : LookupResult.TrafficPath.DIRECT;
        double resolverKm = GreatCircle.distanceKm(c.place().latitude(), c.place().longitude(),
                mine.spec().place().latitude(), mine.spec().place().longitude());
        return new LookupResult(round, now, c, l, mine.spec().id(), res, site, distance, legs, rtt, baseline, same,
                penalty, site != null && drained.contains(site.id()), trafficPath, resolverKm);
    }

    /** {@code res} with the in-process server's routing decision on each step it routed since {@code mark}. */
    private static Resolution withDecisions(Resolution res, EmulatorQueryLog log, int mark) {
        return log == null ? res : Decisions.attach(res, log.since(mark));
    }

    /** Virtual time (emulated runs) or the wall clock since the run's first round (runs with real resolvers). */
    private abstract static class Clock {
        /** Waits until {@code seconds} into the run (virtual: returns at once). */
        abstract void sleepUntil(double seconds) throws InterruptedException;

        /** The time of a lookup scheduled at {@code scheduled}. */
        abstract double now(double scheduled);

        /** The time an event scheduled at {@code scheduled} was applied. */
        abstract double eventTime(double scheduled);

        static Clock virtual() {
            return new Clock() {
                @Override
                void sleepUntil(double seconds) {
                }

                @Override
                double now(double scheduled) {
                    return scheduled;
                }

                @Override
                double eventTime(double scheduled) {
                    return scheduled;
                }
            };
        }

        /** Starts just after the next whole second: unbound and others count TTLs in whole seconds. */
        static Clock wall() throws InterruptedException {
            Thread.sleep(1000 - System.currentTimeMillis() % 1000 + 20);
            long start = System.nanoTime();
            return new Clock() {
                private double elapsed() {
                    return (System.nanoTime() - start) / 1e9;
                }

                @Override
                void sleepUntil(double seconds) throws InterruptedException {
                    long ms = (long) Math.ceil((seconds - elapsed()) * 1000);
                    if (ms > 0) {
                        Thread.sleep(ms);
                    }
                }

                @Override
                double now(double scheduled) {
                    return elapsed();
                }

                @Override
                double eventTime(double scheduled) {
                    return elapsed();
                }
            };
        }
    }

    private static double distance(ClientSpec c, Site s) {
        return GreatCircle.distanceKm(c.place().latitude(), c.place().longitude(), s.place().latitude(),
                s.place().longitude());
    }

    /** The ECS subnet {@code r} sends for client number {@code index}, or null. */
    static Cidr ecsFor(ResolverSpec r, ClientSpec c, int index) {
        Ecs ecs = r.ecs();
        return switch (ecs.mode()) {
            case NONE -> null;
            case FIXED -> ecs.fixed();
            case CLIENT -> Cidr.of(c.address(), Math.min(ecs.prefixLength(), c.address().getAddress().length * 8));
            case TUNNEL -> Cidr.of(tunnelAddress(r, index), ecs.prefixLength());
        };
    }

    /**
     * The address client number {@code index} has inside the VPN tunnel: host {@code 100 + index} of
     * the resolver's tunnel pool (wrapping within the pool).
     */
    static InetAddress tunnelAddress(ResolverSpec r, int index) {
        Cidr pool = r.tunnelPool();
        int hostBits = (pool.isIpv4() ? 32 : 128) - pool.prefixLength();
        long size = hostBits >= 62 ? Long.MAX_VALUE : 1L << hostBits;
        long host = size <= 2 ? 0 : 1 + (99L + index) % (size - 2);
        return pool.addressAt(host);
    }
}
