package dev.geodns.testbed.report;

import dev.geodns.config.model.Site;
import dev.geodns.testbed.model.LatencyModel;
import dev.geodns.testbed.model.PenaltyBand;
import dev.geodns.testbed.runner.LookupResult;
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
        StringBuilder sb = new StringBuilder();
        sb.append(r.id()).append(": ").append(r.kind().name().toLowerCase()).append(" at ").append(r.place().label())
                .append(", source ").append(r.address().getHostAddress()).append(", ecs ").append(r.ecs().text());
        if (r.isVpn()) {
            sb.append(", office ").append(r.office().label()).append(", ")
                    .append(r.tunnel().name().toLowerCase()).append(" tunnel");
            if (r.tunnelPool() != null) {
                sb.append(", tunnel pool ").append(r.tunnelPool());
            }
        }
        if (!r.cache()) {
            sb.append(", no cache");
        }
        return sb.toString();
    }

    /** Short notes on a result: cache use and errors. */
    static String notes(LookupResult r) {
        List<String> n = new ArrayList<>();
        if (r.site() == null) {
            n.add("error: " + r.error());
        }
        if (r.siteDrained()) {
            n.add(r.site().id() + " is drained");
        }
        if (r.resolution().fullyCached()) {
            n.add("all from cache");
        } else if (r.resolution().steps().stream().anyMatch(s -> s.fromCache())) {
            n.add("partly cached");
        }
        r.resolution().steps().stream().filter(s -> s.ecsScope() != null && s.ecsSent() != null).reduce((a, b) -> b)
                .ifPresent(s -> n.add("ecs " + s.ecsSent() + " scope /" + s.ecsScope()));
        return String.join("; ", n);
    }
}
