package dev.geodns.testbed.runner;

import dev.geodns.config.WorldException;
import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.World;
import dev.geodns.server.geo.GreatCircle;
import dev.geodns.testbed.model.LatencyModel;
import dev.geodns.testbed.model.Leg;
import dev.geodns.testbed.scenario.ClientSpec;
import dev.geodns.testbed.scenario.Ecs;
import dev.geodns.testbed.scenario.EventSpec;
import dev.geodns.testbed.scenario.Format;
import dev.geodns.testbed.scenario.Lookup;
import dev.geodns.testbed.scenario.ResolverSpec;
import dev.geodns.testbed.scenario.Scenario;
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
 * Runs a scenario: starts the server in-process on loopback (or uses one given), then, round by
 * round on a virtual clock, applies the due events and has every client look up every name through
 * its resolver and through its local resolver, maps the final addresses back to sites, models the
 * path, and checks the expectations. One run per instance; not thread-safe.
 *
 * <p>Baseline (the penalty's reference): the client's {@code local_resolver} when given; else, when
 * the client's own resolver is {@code local}, that same lookup (penalty 0); else a resolver standing
 * at the client's own address, without ECS.
 */
public final class ScenarioRunner {
    private final Scenario scenario;
    private InetSocketAddress server;
    private Progress progress = Progress.NONE;
    private Duration timeout = Duration.ofSeconds(3);

    public ScenarioRunner(Scenario scenario) {
        this.scenario = scenario;
    }

    /** Asks a server already running at {@code address} instead of starting one (it must serve the same world). */
    public ScenarioRunner server(InetSocketAddress address) {
        this.server = address;
        return this;
    }

    public ScenarioRunner progress(Progress progress) {
        this.progress = progress;
        return this;
    }

    /** How long to wait for each reply (default 3 s). */
    public ScenarioRunner timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /**
     * Runs the scenario.
     *
     * @throws IllegalStateException when the scenario has events and the server is not in-process
     */
    public RunResult run() throws IOException, InterruptedException, WorldException {
        if (server != null && !scenario.events().isEmpty()) {
            throw new IllegalStateException("scenario " + scenario.name() + " has events (drain/restore), which need"
                    + " the in-process server; run it without --server");
        }
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        World world = scenario.world();
        try (Target target = server == null ? Target.inProcess(world) : Target.remote(server)) {
            progress.note("scenario " + scenario.name() + ": server " + target.describe() + ", "
                    + scenario.clients().size() + " clients, " + scenario.rounds() + " round(s)");
            DnsAsker asker = new DnsAsker(target.dnsAddress(), timeout);
            Map<String, EmulatedResolver> resolvers = new LinkedHashMap<>();
            for (ResolverSpec r : scenario.resolvers()) {
                resolvers.put(r.id(), new EmulatedResolver(r, asker));
            }
            Map<String, EmulatedResolver> ownResolvers = new HashMap<>();
            LatencyModel model = new LatencyModel(scenario.model());
            SiteIndex sites = new SiteIndex(world);
            List<AppliedEvent> applied = new ArrayList<>();
            List<LookupResult> results = new ArrayList<>();
            Set<String> drained = new HashSet<>();
            int total = scenario.rounds() * scenario.clients().stream().mapToInt(c -> c.lookups().size()).sum();
            for (int round = 0; round < scenario.rounds(); round++) {
                double now = scenario.timeOf(round);
                for (EventSpec e : scenario.events()) {
                    if (e.round() == round) {
                        if (e.action() == EventSpec.Action.DRAIN) {
                            target.drain(e.site());
                            drained.add(e.site());
                        } else {
                            target.restore(e.site());
                            drained.remove(e.site());
                        }
                        applied.add(new AppliedEvent(e, round, e.atSeconds()));
                        progress.note("  event: " + e.describe());
                    }
                }
                for (int ci = 0; ci < scenario.clients().size(); ci++) {
                    ClientSpec c = scenario.clients().get(ci);
                    EmulatedResolver mine = resolvers.get(c.resolver());
                    EmulatedResolver base = baselineOf(c, resolvers, ownResolvers, asker);
                    for (Lookup l : c.lookups()) {
                        results.add(lookup(world, model, sites, round, now, ci, c, l, mine, base, drained));
                    }
                }
                if (scenario.rounds() > 1 || total > 20) {
                    progress.note("round " + (round + 1) + "/" + scenario.rounds() + " (" + Format.seconds(now)
                            + ") done: " + results.size() + "/" + total + " lookups");
                }
            }
            List<ExpectationResult> checked = Expectations.check(scenario.expectations(), results);
            return new RunResult(scenario, model, target.describe(), target.controllable(), started,
                    Duration.ofNanos(System.nanoTime() - t0), applied, results, checked);
        }
    }

    /** The resolver for the client's baseline, or null when the client's own resolver is it. */
    private EmulatedResolver baselineOf(ClientSpec c, Map<String, EmulatedResolver> resolvers,
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

    private LookupResult lookup(World world, LatencyModel model, SiteIndex sites, int round, double now, int clientIndex,
            ClientSpec c, Lookup l, EmulatedResolver mine, EmulatedResolver base, Set<String> drained)
            throws InterruptedException {
        Resolution res = mine.resolve(l.name(), scenario.recordType(), ecsFor(mine.spec(), c, clientIndex), now);
        Site site = sites.siteOf(res.addresses());
        List<Leg> legs = site == null ? List.of() : model.path(world, c, mine.spec(), l, site);
        double rtt = site == null ? Double.NaN : LatencyModel.total(legs);
        double distance = site == null ? Double.NaN : distance(c, site);
        LookupResult.Baseline baseline;
        boolean same = base == null || base == mine;
        if (same) {
            baseline = new LookupResult.Baseline(mine.spec().id(), res, site, distance, legs, rtt);
        } else {
            Resolution b = base.resolve(l.name(), scenario.recordType(), ecsFor(base.spec(), c, clientIndex), now);
            Site bs = sites.siteOf(b.addresses());
            List<Leg> bl = bs == null ? List.of() : model.path(world, c, null, l, bs);
            baseline = new LookupResult.Baseline(base.spec().id(), b, bs, bs == null ? Double.NaN : distance(c, bs), bl,
                    bs == null ? Double.NaN : LatencyModel.total(bl));
        }
        double penalty = same && site != null ? 0 : rtt - baseline.rttMs();
        return new LookupResult(round, now, c, l, mine.spec().id(), res, site, distance, legs, rtt, baseline, same,
                penalty, site != null && drained.contains(site.id()));
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
