package dev.geodns.testbed.scenario;

import dev.geodns.config.yaml.YamlNode;
import dev.geodns.config.yaml.Fields;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The ids a section of the file declares ({@code resolvers}, {@code clients}), read from the YAML
 * whether or not the item bound: a reference to a declared item that failed is not a second error.
 */
final class DeclaredIds {
    private DeclaredIds() {
    }

    static Set<String> of(Fields root, String section) {
        Set<String> ids = new LinkedHashSet<>();
        for (YamlNode item : root.items(section)) {
            if (item instanceof YamlNode.MapNode m && m.entries().get("id") != null
                    && m.entries().get("id").value() instanceof YamlNode.Scalar id) {
                ids.add(id.text());
            }
        }
        return ids;
    }
}
