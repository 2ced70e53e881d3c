package dev.geodns.testbed.scenario;

import dev.geodns.config.model.Continent;
import dev.geodns.config.yaml.Fields;
import dev.geodns.config.yaml.Suggestion;
import dev.geodns.config.yaml.YamlNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Binds the {@code expect} section: what must hold of the clients' lookups after the run. */
final class ExpectationBinder {
    private ExpectationBinder() {
    }

    static List<Expectation> bind(Fields root, List<ClientSpec> clients, int rounds, ScenarioWorld world) {
        List<YamlNode> items = root.listOrNull("expect", false);
        if (items == null) {
            return List.of();
        }
        List<Expectation> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Fields x = Fields.of(items.get(i), root.path("expect", i), root.problems());
            Expectation expectation = x == null ? null : expectation(root, x, clients, rounds, world);
            if (expectation != null) {
                out.add(expectation);
            }
        }
        return out;
    }

    private static Expectation expectation(Fields root, Fields x, List<ClientSpec> clients, int rounds,
            ScenarioWorld world) {
        x.allow("client", "lookup", "round", "site", "not_site", "continent", "cloud", "penalty_ms", "rtt_ms",
                "distance_km", "software", "unless_software", MeasuredExpectationBinder.KEY);
        String client = x.string("client");
        String lookup = x.string("lookup");
        ClientSpec c = client == null ? null : clients.stream().filter(s -> s.id().equals(client)).findFirst()
                .orElse(null);
        if (client != null && c == null) {
            // A client the file declares but that failed to bind has its own error already.
            Set<String> declared = DeclaredIds.of(root, "clients");
            if (!declared.contains(client)) {
                x.error("client", "unknown client '" + client + "'" + Suggestion.didYouMean(client, declared));
            }
        } else if (c != null && lookup != null && c.lookups().stream().noneMatch(l -> l.text().equals(lookup))) {
            x.error("lookup", "client " + client + " does not look up '" + lookup + "' (its lookups: "
                    + c.lookups().stream().map(Lookup::text).toList() + ")");
        }
        Integer round = null;
        if (x.has("round")) {
            Long r = x.integer("round");
            if (r != null && (r < 0 || r >= rounds)) {
                x.error("round", "must be 0.." + (rounds - 1));
            } else if (r != null) {
                round = r.intValue();
            }
        }
        List<String> sites = siteRefs(x, "site", world);
        List<String> notSites = siteRefs(x, "not_site", world);
        String continent = x.optString("continent", null);
        if (continent != null && Arrays.stream(Continent.values()).noneMatch(v -> v.name().equals(continent))) {
            x.error("continent", "must be one of " + Arrays.toString(Continent.values()));
        }
        String cloud = x.optString("cloud", null);
        if (cloud != null && world.loaded() && world.world().cloud(cloud).isEmpty()) {
            x.error("cloud", "unknown cloud '" + cloud + "'");
        }
        Range penalty = range(x, "penalty_ms");
        Range rtt = range(x, "rtt_ms");
        Range distance = range(x, "distance_km");
        SoftwareScope software = SoftwareScopeBinder.bind(x);
        if (sites.isEmpty() && notSites.isEmpty() && continent == null && cloud == null && penalty == null
                && rtt == null && distance == null && !x.has(MeasuredExpectationBinder.KEY)) {
            x.error("nothing to check: give site, not_site, continent, cloud, penalty_ms, rtt_ms, distance_km or"
                    + " measured_ms");
        }
        if (client == null || lookup == null) {
            return null;
        }
        return new Expectation(client, lookup, round, sites, notSites, continent, cloud, penalty, rtt, distance,
                x.line(), software);
    }

    private static List<String> siteRefs(Fields x, String key, ScenarioWorld world) {
        List<String> ids = x.oneOrMore(key);
        for (String id : ids) {
            if (world.lacksSite(id)) {
                x.error(key, "unknown site '" + id + "'");
            }
        }
        return ids;
    }

    private static Range range(Fields x, String key) {
        Fields m = x.map(key);
        if (m == null) {
            return null;
        }
        m.allow("min", "max");
        Double min = m.optNumber("min", null);
        Double max = m.optNumber("max", null);
        if (min == null && max == null) {
            m.error("give min, max or both");
            return null;
        }
        if (min != null && max != null && min > max) {
            m.error("min must not exceed max");
        }
        return new Range(min, max);
    }
}
