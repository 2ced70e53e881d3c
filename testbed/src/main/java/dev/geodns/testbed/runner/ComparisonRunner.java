package dev.geodns.testbed.runner;

import dev.geodns.config.WorldException;
import dev.geodns.testbed.resolvers.ResolverKind;
import dev.geodns.testbed.scenario.ResolverSpec;
import dev.geodns.testbed.scenario.Scenario;
import dev.geodns.testbed.scenario.ScenarioException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Plays one scenario with several resolver softwares in turn ({@code --resolver-kind all}): first
 * every resolver emulated, then every resolver played by each real software, one after the other
 * (they all listen on the scenario's addresses, port 53). A software that is not installed, or that
 * cannot do what the scenario asks (knot-resolver and ECS), is listed with the reason and not run.
 */
public final class ComparisonRunner {
    /** Loads the scenario with every resolver played by a software (null: as the file says). */
    @FunctionalInterface
    public interface Source {
        Scenario load(ResolverKind software) throws ScenarioException;
    }

    private final Source source;
    private final Function<Scenario, ScenarioRunner> runnerFor;
    private List<String> softwares = everySoftware();
    private Progress progress = Progress.NONE;

    /**
     * @param runnerFor a configured runner for one software's scenario (timeout, server, progress)
     */
    public ComparisonRunner(Source source, Function<Scenario, ScenarioRunner> runnerFor) {
        this.source = source;
        this.runnerFor = runnerFor;
    }

    /** {@code emulated} and every real resolver software, installed or not (those not installed are listed as such). */
    public static List<String> everySoftware() {
        List<String> out = new ArrayList<>();
        out.add(ResolverSpec.EMULATED);
        for (ResolverKind k : ResolverKind.values()) {
            out.add(k.id());
        }
        return out;
    }

    /** The softwares to compare, in order (default: {@link #everySoftware()}). */
    public ComparisonRunner softwares(List<String> ids) {
        this.softwares = List.copyOf(ids);
        return this;
    }

    public ComparisonRunner progress(Progress progress) {
        this.progress = progress;
        return this;
    }

    /**
     * Runs the scenario once per software.
     *
     * @throws ScenarioException when the scenario itself is invalid (as the file says)
     */
    public Comparison run() throws ScenarioException, IOException, InterruptedException, WorldException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Scenario written = source.load(null);
        List<Comparison.Entry> entries = new ArrayList<>();
        for (String software : softwares) {
            Scenario s;
            if (software.equals(ResolverSpec.EMULATED)) {
                s = written.withResolvers(written.resolvers().stream().map(ComparisonRunner::emulated).toList());
            } else {
                ResolverKind kind = ResolverKind.fromId(software);
                if (kind.locate(null) == null) {
                    entries.add(new Comparison.Entry(software, null, "not installed (Debian package "
                            + kind.debianPackage() + ")"));
                    progress.note("== " + software + ": not installed (Debian package " + kind.debianPackage() + ")");
                    continue;
                }
                try {
                    s = source.load(kind);
                } catch (ScenarioException e) {
                    String why = e.getMessage().lines().findFirst().orElse(e.getMessage());
                    entries.add(new Comparison.Entry(software, null, "cannot play this scenario: " + why));
                    progress.note("== " + software + ": cannot play this scenario: " + why);
                    continue;
                }
            }
            progress.note("== " + software);
            entries.add(new Comparison.Entry(software, runnerFor.apply(s).progress(progress).run(), null));
        }
        return new Comparison(written, started, Duration.ofNanos(System.nanoTime() - t0), entries);
    }

    /** {@code r} played by the testbed's own resolver, with the same place, address, ECS and cache. */
    private static ResolverSpec emulated(ResolverSpec r) {
        return r.real() ? new ResolverSpec(r.id(), r.kind(), r.place(), r.address(), r.ecs(), r.cache(), r.office(),
                r.tunnel(), r.tunnelPool()) : r;
    }
}
