package dev.geodns.testbed.scenario;

import dev.geodns.config.yaml.Fields;
import dev.geodns.config.yaml.Suggestion;
import dev.geodns.testbed.resolvers.ResolverKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Binds an expectation's {@code software:} and {@code unless_software:} keys (one id or a list:
 * {@code emulated}, {@code unbound}, {@code pdns-recursor}, {@code knot-resolver}, {@code dnsmasq}).
 */
final class SoftwareScopeBinder {
    static final List<String> IDS = ids();

    private SoftwareScopeBinder() {
    }

    static SoftwareScope bind(Fields x) {
        List<String> only = softwareIds(x, "software");
        List<String> except = softwareIds(x, "unless_software");
        if (x.has("software") && x.has("unless_software")) {
            x.error("unless_software", "give software or unless_software, not both");
            return SoftwareScope.ALL;
        }
        return only.isEmpty() && except.isEmpty() ? SoftwareScope.ALL : new SoftwareScope(only, except);
    }

    private static List<String> softwareIds(Fields x, String key) {
        List<String> given = x.oneOrMore(key);
        List<String> out = new ArrayList<>();
        for (String id : given) {
            if (id == null) {
                continue;
            }
            if (IDS.contains(id)) {
                out.add(id);
            } else {
                x.error(key, "unknown software '" + id + "': must be one of " + String.join(", ", IDS)
                        + Suggestion.didYouMean(id, IDS));
            }
        }
        if (x.has(key) && given.isEmpty()) {
            x.error(key, "name at least one software");
        }
        return out;
    }

    private static List<String> ids() {
        List<String> ids = new ArrayList<>();
        ids.add(ResolverSpec.EMULATED);
        ids.addAll(Arrays.stream(ResolverKind.values()).map(ResolverKind::id).toList());
        return List.copyOf(ids);
    }
}
