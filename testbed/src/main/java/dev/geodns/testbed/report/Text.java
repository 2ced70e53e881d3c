package dev.geodns.testbed.report;

import dev.geodns.config.latency.LatencyModel;
import dev.geodns.config.model.Site;
import dev.geodns.testbed.model.PenaltyBand;
import dev.geodns.testbed.runner.LookupResult;
import dev.geodns.testbed.runner.Move;
import dev.geodns.testbed.runner.Resolution;
import dev.geodns.testbed.runner.ResolverRun;
import dev.geodns.testbed.runner.RunResult;
import dev.geodns.testbed.scenario.Format;
import dev.geodns.testbed.scenario.ResolverSpec;
import java.util.ArrayList;
import java.util.List;

/** Wording shared by the report formats, so that they say the same things. */
final class Text {
    private Text() {
    }

    static String site(Site s) {
        return s == null ? "-" : s.id();
    }

    static String ms(double v) {
        return Double.isNaN(v) ? "-" : Format.oneDecimal(v);
    }

    static String km(double v) {
        return Double.isNaN(v) ? "-" : String.valueOf(Math.round(v));
    }

    static String penalty(LookupResult r) {
        if (Double.isNaN(r.penaltyMs())) {
            return "-";
        }
        return (r.penaltyMs() > 0 ? "+" : "") + Format.oneDecimal(r.penaltyMs());
    }

    /** The model's statement, one line each, as every report prints it. */
    static List<String> modelLines(RunResult run) {
        LatencyModel m = run.model();
        List<String> out = new ArrayList<>();
        out.add(m.formula());
        out.add("legs: client -> site; full-tunnel VPN: client -> office -> site; for "
                + String.join(", ", m.settings().backboneServices())
                + ": + front door -> tenant's mailbox datacenter on the backbone");
        out.add("distances: great circle on a sphere of radius 6371.0088 km");
        out.add("penalty = rtt - rtt of the same lookup through the client's local resolver (its local_resolver,"
                + " else its own resolver when that is local, else a resolver at the client's own address)");
        out.add("penalty bands: " + PenaltyBand.GOOD.label() + " <= " + Format.number(PenaltyBand.GOOD_UP_TO_MS)
                + " ms < " + PenaltyBand.FAIR.label() + " <= " + Format.number(PenaltyBand.FAIR_UP_TO_MS) + " ms < "
                + PenaltyBand.POOR.label());
        return out;
    }

    static String resolver(ResolverSpec r) {
        return resolver(r, null);
    }

    /** One line on a resolver: where, how it asks, and which software played it (pid, or why skipped). */
    static String resolver(ResolverSpec r, ResolverRun run) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.id()).append(": ").append(r.kind().name().toLowerCase()).append(" at ").append(r.place().label())
                .append(", ").append(r.softwareId());
        if (run != null && run.pid() != null) {
            sb.append(" (pid ").append(run.pid()).append(", ").append(run.address()).append(')');
        }
        sb.append(", source ").append(r.address().getHostAddress()).append(", ecs ").append(r.ecs().text());
        if (r.isVpn()) {
            sb.append(", office ").append(r.office().label()).append(", ")
                    .append(r.tunnel().name().toLowerCase()).append(" tunnel");
            if (r.tunnelPool() != null) {
                sb.append(", tunnel pool ").append(r.tunnelPool());
            }
        }
        if (!r.cache()) {
            sb.append(r.real() ? ", no cache (flushed before every lookup)" : ", no cache");
        }
        if (run != null && run.skipped()) {
            sb.append(" -- SKIPPED: ").append(run.message());
        }
        return sb.toString();
    }

    /** {@code hit}, {@code miss}, or {@code -} when unknown: did the resolver's cache answer the whole lookup. */
    static String cache(Resolution res) {
        Boolean hit = res.cacheHit();
        return hit == null ? "-" : hit ? "hit" : "miss";
    }

    /** The ECS the emulator received: {@code 127.0.6.0/24}, {@code none}, or {@code -} (nothing arrived, or unknown). */
    static String ecs(Resolution res) {
        String e = res.ecsReceived();
        return e == null ? "-" : e;
    }

    /** The largest ECS scope the emulator returned: {@code /24}, or {@code -}. */
    static String scope(Resolution res) {
        Integer s = res.ecsScope();
        return s == null ? "-" : "/" + s;
    }

    /**
     * The server's routing decision for the lookup's last routed query, briefly ({@code nearest from
     * Frankfurt}), or {@code -} when none was routed (cache hit) or seen ({@code --server}).
     */
    static String decision(Resolution res) {
        var d = res.lastDecision();
        return d == null ? "-" : d.brief();
    }

    /** One software's answer in a comparison cell: {@code fra miss none /0}, {@code hhn hit}. */
    static String cell(LookupResult r) {
        if (r.skipped() != null) {
            return "SKIPPED";
        }
        StringBuilder sb = new StringBuilder(site(r.site()));
        if (r.siteDrained()) {
            sb.append('!');
        }
        sb.append(' ').append(cache(r.resolution()));
        if (r.resolution().ecsReceived() != null) {
            sb.append(' ').append(r.resolution().ecsReceived());
        }
        if (r.resolution().ecsScope() != null) {
            sb.append(" /").append(r.resolution().ecsScope());
        }
        return sb.toString();
    }

    /** A time of the run: as written on the virtual clock, to the millisecond on the wall clock. */
    static String time(RunResult run, double seconds) {
        return run.wallClock() ? String.format(java.util.Locale.ROOT, "%.3f", seconds) : Format.number(seconds);
    }

    /** How the run's times are measured, for every report. */
    static String clockLine(RunResult run) {
        return run.wallClock()
                ? "clock: wall (real resolvers in the run); times are seconds since the first round, as measured"
                : "clock: virtual; rounds are " + Format.number(run.scenario().roundSeconds())
                        + " s apart and nothing sleeps";
    }

    /** One line on a move after a drain. */
    static String move(RunResult run, Move m) {
        StringBuilder sb = new StringBuilder();
        sb.append(m.client()).append(' ').append(m.lookup()).append(" via ").append(m.resolver()).append(": ")
                .append(m.site()).append(" drained at t=").append(time(run, m.drainedAt())).append("s -> ");
        if (m.movedTo() == null) {
            sb.append("still ").append(m.site()).append(" at the end (").append(m.staleAnswers())
                    .append(" answers after the drain)");
        } else {
            sb.append(m.movedTo()).append(" at t=").append(time(run, m.movedAt())).append("s (round ")
                    .append(m.movedRound()).append("): ").append(String.format(java.util.Locale.ROOT, "%.2f",
                            m.seconds())).append(" s after the drain, ").append(m.staleAnswers())
                    .append(m.staleAnswers() == 1 ? " answer" : " answers").append(" still ").append(m.site());
        }
        return sb.toString();
    }

    /** Short notes on a result: skipped, errors, drained site, partial cache use, a far resolver. */
    static String notes(LookupResult r) {
        List<String> n = new ArrayList<>();
        if (r.resolverFar()) {
            // Microsoft's network connectivity test flags a resolver more than 500 miles from the user
            n.add("resolver " + Math.round(r.resolverDistanceKm()) + " km away (> "
                    + Math.round(LookupResult.FAR_RESOLVER_KM) + " km)");
        }
        if (r.skipped() != null) {
            n.add("SKIPPED: " + r.skipped());
        } else if (r.site() == null) {
            n.add("error: " + r.error());
        }
        if (r.siteDrained()) {
            n.add(r.site().id() + " is drained");
        }
        if (!Boolean.TRUE.equals(r.resolution().cacheHit())
                && r.resolution().steps().stream().anyMatch(s -> s.fromCache())) {
            n.add("partly cached");
        }
        return String.join("; ", n);
    }
}
