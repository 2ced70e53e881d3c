package dev.geodns.testbed.scenario;

import dev.geodns.config.yaml.Fields;
import org.xbill.DNS.Type;

/** Binds the top-level settings: name, description, rounds, round_seconds, record_type, stub_client. */
final class HeaderBinder {
    static final int MAX_ROUNDS = 10_000;

    private HeaderBinder() {
    }

    static Header bind(Fields root) {
        String name = root.string("name");
        if (name != null && !ScenarioLoader.ID.matcher(name).matches()) {
            root.error("name", "must be lower-case letters, digits, '-' or '_'"
                    + " (it names the scenario on the command line)");
        }
        String description = root.string("description");
        int rounds = rounds(root);
        double roundSeconds = roundSeconds(root);
        return new Header(name, description, rounds, roundSeconds, recordType(root), stubClient(root));
    }

    private static int rounds(Fields root) {
        Long v = root.has("rounds") ? root.integer("rounds") : null;
        if (v == null) {
            return 1;
        }
        if (v < 1 || v > MAX_ROUNDS) {
            root.error("rounds", "must be between 1 and " + MAX_ROUNDS);
            return 1;
        }
        return v.intValue();
    }

    private static double roundSeconds(Fields root) {
        Double v = root.optNumber("round_seconds", null);
        if (v == null) {
            return 0;
        }
        if (v < 0) {
            root.error("round_seconds", "must not be negative");
            return 0;
        }
        return v;
    }

    private static int recordType(Fields root) {
        String t = root.optString("record_type", "A");
        if (t == null || t.equals("A")) {
            return Type.A;
        }
        if (t.equals("AAAA")) {
            return Type.AAAA;
        }
        root.error("record_type", "must be A or AAAA, not '" + t + "'");
        return Type.A;
    }

    private static String stubClient(Fields root) {
        String t = root.optString("stub_client", "dnsjava");
        if (t == null) {
            return "dnsjava";
        }
        if (!Scenario.STUB_CLIENTS.contains(t)) {
            root.error("stub_client", "must be dnsjava, dig or kdig, not '" + t + "'");
            return "dnsjava";
        }
        return t;
    }
}
