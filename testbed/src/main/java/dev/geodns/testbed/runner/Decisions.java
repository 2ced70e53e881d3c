package dev.geodns.testbed.runner;

import dev.geodns.testbed.resolvers.EmulatorQueryLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Type;

/**
 * Gives each step of a resolution the server's routing decision for the query it sent: the step is
 * matched to the next query the emulator logged meanwhile from the same source, for the same name
 * and type. Lookups run one at a time, and the engine tells its observers before the reply leaves,
 * so every query a step got a reply to is in the log by then.
 */
final class Decisions {
    private Decisions() {
    }

    /** {@code res} with decisions on the steps that match one of {@code arrived} (the log since the lookup began). */
    static Resolution attach(Resolution res, List<EmulatorQueryLog.Entry> arrived) {
        if (arrived.isEmpty() || res.steps().isEmpty()) {
            return res;
        }
        boolean[] used = new boolean[arrived.size()];
        List<Step> out = new ArrayList<>(res.steps().size());
        for (Step s : res.steps()) {
            Step withDecision = s;
            if (!s.fromCache() && s.source() != null && s.decision() == null) {
                for (int i = 0; i < arrived.size(); i++) {
                    EmulatorQueryLog.Entry e = arrived.get(i);
                    if (!used[i] && matches(s, e)) {
                        used[i] = true;
                        if (e.decision() != null) {
                            withDecision = s.withDecision(Decision.of(e.decision()));
                        }
                        break;
                    }
                }
            }
            out.add(withDecision);
        }
        return res.withSteps(out);
    }

    private static boolean matches(Step s, EmulatorQueryLog.Entry e) {
        return e.sender().getAddress().getHostAddress().equals(s.source()) && e.name().equals(norm(s.name()))
                && Type.string(e.qtype()).equals(s.type());
    }

    private static String norm(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n : n + ".";
    }
}
