package dev.geodns.testbed.runner;

import dev.geodns.testbed.resolvers.EmulatorQueryLog;
import dev.geodns.testbed.resolvers.ResolverProcess;
import dev.geodns.testbed.resolvers.ResolverUnavailableException;
import dev.geodns.testbed.resolvers.StubAnswer;
import dev.geodns.testbed.resolvers.StubClient;
import dev.geodns.testbed.scenario.ClientSpec;
import dev.geodns.testbed.scenario.Ecs;
import dev.geodns.testbed.scenario.ResolverSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * A scenario resolver played by a real resolver process: the client asks it with a stub client
 * from its own address (RD=1, as an end host does), so caching, TTLs, ECS and case are the
 * resolver's own. The stub follows the CNAME chain the resolver returns and asks again for the
 * chain's end when it carries no addresses. The emulator's query log tells which queries the
 * resolver sent meanwhile (from its pinned source, in its zones): none means a cache hit. Not
 * thread-safe; lookups must not overlap.
 *
 * <p>For {@code ecs: tunnel-N} the client asks from its address inside the VPN tunnel, which is
 * all such a resolver sees of it; otherwise from its own address. A resolver with {@code cache:
 * false} has its cache flushed before every lookup.
 */
final class RealResolver implements LabResolver {
    private final ResolverSpec spec;
    private final ResolverProcess process;
    private final String unavailable;
    private final Stub stub;
    private final EmulatorQueryLog log;

    /** The stub client of a run, shared by its real resolvers; a missing tool skips every later lookup. */
    static final class Stub {
        private final StubClient client;
        private String unavailable;

        Stub(String name) {
            client = switch (name) {
                case "dig" -> StubClient.dig();
                case "kdig" -> StubClient.kdig();
                case "dnsjava" -> StubClient.dnsjava();
                default -> throw new IllegalArgumentException("unknown stub client " + name);
            };
        }

        String name() {
            return client.name();
        }
    }

    private RealResolver(ResolverSpec spec, ResolverProcess process, String unavailable, Stub stub,
            EmulatorQueryLog log) {
        this.spec = spec;
        this.process = process;
        this.unavailable = unavailable;
        this.stub = stub;
        this.log = log;
    }

    /**
     * A running resolver.
     *
     * @param log the emulator's query log, or null when the emulator is not the testbed's (then cache
     *     hits and the ECS received are unknown)
     */
    static RealResolver running(ResolverSpec spec, ResolverProcess process, Stub stub, EmulatorQueryLog log) {
        return new RealResolver(spec, process, null, stub, log);
    }

    /** A resolver that could not run: every lookup through it is skipped with {@code reason}. */
    static RealResolver unavailable(ResolverSpec spec, String reason, Stub stub) {
        return new RealResolver(spec, null, reason, stub, null);
    }

    @Override
    public ResolverSpec spec() {
        return spec;
    }

    /** The address the client asks from: its own, or its tunnel address for {@code ecs: tunnel-N}. */
    static InetAddress sourceFor(ResolverSpec spec, ClientSpec client, int clientIndex) {
        return spec.ecs().mode() == Ecs.Mode.TUNNEL ? ScenarioRunner.tunnelAddress(spec, clientIndex) : client.address();
    }

    @Override
    public Resolution resolve(ClientSpec client, int clientIndex, String name, int type, double now)
            throws InterruptedException {
        if (unavailable != null) {
            return Resolution.skipped(unavailable);
        }
        if (stub.unavailable != null) {
            return Resolution.skipped(stub.unavailable);
        }
        InetAddress source = sourceFor(spec, client, clientIndex);
        InetSocketAddress at = process.address();
        String where = spec.softwareId() + " at " + at.getAddress().getHostAddress() + ":" + at.getPort();
        List<Step> steps = new ArrayList<>();
        List<Resolution.StubQuery> queries = new ArrayList<>();
        if (!spec.cache()) {
            try {
                process.flushCache();
            } catch (IOException e) {
                return failed(steps, queries, "cannot flush the cache of " + where + ": " + e.getMessage());
            }
        }
        String current = name;
        for (int hop = 0; hop < EmulatedResolver.MAX_HOPS; hop++) {
            int mark = log == null ? 0 : log.size();
            StubAnswer a;
            try {
                a = stub.client.query(source, at, current, type);
            } catch (ResolverUnavailableException e) {
                stub.unavailable = e.getMessage();
                return Resolution.skipped(stub.unavailable);
            } catch (IOException e) {
                upstream(mark, now, steps);
                return failed(steps, queries, "cannot ask " + where + ": " + e.getMessage());
            }
            upstream(mark, now, steps);
            queries.add(new Resolution.StubQuery(a.tool(), source.getHostAddress(), at.getAddress().getHostAddress() + ":"
                    + at.getPort(), current, Type.string(type), a.rcode(), a.answer().stream()
                    .map(r -> new Step.Answer(r.owner(), r.type(), r.ttl(), r.data())).toList(),
                    a.took().toNanos() / 1e6));
            if (a.rcode().equals("TIMEOUT")) {
                return failed(steps, queries, "timeout asking " + where + " for " + current);
            }
            if (!a.rcode().equals(Rcode.string(Rcode.NOERROR))) {
                return failed(steps, queries, a.rcode() + " for " + current + " from " + where);
            }
            List<InetAddress> addresses = a.addresses();
            if (!addresses.isEmpty()) {
                return new Resolution(addresses, steps, null, queries, log != null, null);
            }
            String end = a.finalName();
            if (end.equals(norm(current))) {
                return failed(steps, queries, "no " + Type.string(type) + " record for " + current + " from " + where);
            }
            current = end; // the chain ended in a CNAME without addresses: ask again for its target
        }
        return failed(steps, queries, "CNAME chain longer than " + EmulatedResolver.MAX_HOPS + " steps");
    }

    private Resolution failed(List<Step> steps, List<Resolution.StubQuery> queries, String error) {
        return new Resolution(List.of(), steps, error, queries, log != null, null);
    }

    /** Adds the emulator's queries from this resolver since {@code mark} as steps. */
    private void upstream(int mark, double now, List<Step> steps) {
        if (log == null) {
            return;
        }
        var real = process.spec();
        for (EmulatorQueryLog.Entry e : log.since(mark)) {
            if (e.sender().getAddress().equals(real.outgoing()) && real.inZones(e.name())) {
                steps.add(new Step(false, now, e.name(), Type.string(e.qtype()), e.sender().getAddress().getHostAddress(),
                        e.ecs(), e.ecsScope(), Rcode.string(e.rcode()), List.of()));
            }
        }
    }

    private static String norm(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n : n + ".";
    }
}
