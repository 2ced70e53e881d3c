package dev.geodns.testbed.scenario;

import dev.geodns.config.yaml.Fields;
import dev.geodns.config.yaml.YamlNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Binds the {@code events} section: drains and restores at a round or a virtual time, in time order. */
final class EventBinder {
    private EventBinder() {
    }

    static List<EventSpec> bind(Fields root, Header header, ScenarioWorld world) {
        List<YamlNode> items = root.listOrNull("events", false);
        if (items == null) {
            return List.of();
        }
        List<EventSpec> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Fields e = Fields.of(items.get(i), root.path("events", i), root.problems());
            EventSpec event = e == null ? null : event(e, header, world);
            if (event != null) {
                out.add(event);
            }
        }
        out.sort(Comparator.comparingDouble(EventSpec::atSeconds));
        return out;
    }

    private static EventSpec event(Fields e, Header header, ScenarioWorld world) {
        e.allow("at_round", "at_seconds", "drain", "restore");
        if (e.has("at_round") == e.has("at_seconds")) {
            e.error("give exactly one of at_round and at_seconds");
            return null;
        }
        if (e.has("drain") == e.has("restore")) {
            e.error("give exactly one of drain: SITE and restore: SITE");
            return null;
        }
        int rounds = header.rounds();
        double roundSeconds = header.roundSeconds();
        int round;
        double at;
        if (e.has("at_round")) {
            Long r = e.integer("at_round");
            if (r == null) {
                return null;
            }
            if (r < 0 || r >= rounds) {
                e.error("at_round", "must be 0.." + (rounds - 1) + " (rounds: " + rounds + ")");
                return null;
            }
            round = r.intValue();
            at = round * roundSeconds;
        } else {
            Double s = e.number("at_seconds");
            if (s == null) {
                return null;
            }
            double last = (rounds - 1) * roundSeconds;
            if (roundSeconds <= 0) {
                e.error("at_seconds", "needs round_seconds > 0 (or use at_round)");
                return null;
            }
            if (s < 0 || s > last) {
                e.error("at_seconds", "must be within the run: 0.." + Format.number(last) + " s");
                return null;
            }
            round = (int) Math.ceil(s / roundSeconds - 1e-9);
            at = s;
        }
        EventSpec.Action action = e.has("drain") ? EventSpec.Action.DRAIN : EventSpec.Action.RESTORE;
        String key = action == EventSpec.Action.DRAIN ? "drain" : "restore";
        String site = e.string(key);
        if (site == null) {
            return null;
        }
        if (world.lacksSite(site)) {
            e.error(key, "unknown site '" + site + "'");
            return null;
        }
        return new EventSpec(round, at, action, site);
    }
}
