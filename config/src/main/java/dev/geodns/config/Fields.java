package dev.geodns.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strict reader of one YAML map at a key path (e.g. {@code sites[3]}): unknown keys, missing
 * required keys and wrong types become errors naming the line and the full key path. Getters
 * return null (or a default) after reporting, so that binding goes on and collects more errors.
 */
final class Fields {
    private final YamlNode.MapNode map;
    private final String path;
    private final Problems problems;

    private Fields(YamlNode.MapNode map, String path, Problems problems) {
        this.map = map;
        this.path = path;
        this.problems = problems;
    }

    /** The map at {@code path}, or null after reporting that {@code node} is not a map. */
    static Fields of(YamlNode node, String path, Problems problems) {
        if (node instanceof YamlNode.MapNode m) {
            return new Fields(m, path, problems);
        }
        problems.at(node.line(), path, "expected a map, got " + node.describe());
        return null;
    }

    String path() {
        return path;
    }

    /** The key path of {@code key} in this map, e.g. {@code sites[3].latitude}. */
    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The key path of item {@code index} of the list at {@code key}. */
    String path(String key, int index) {
        return path(key) + "[" + index + "]";
    }

    /** The line the map starts on. */
    int line() {
        return map.line();
    }

    /** The line of {@code key}'s value, or of the map when the key is absent. */
    int lineOf(String key) {
        YamlNode n = node(key);
        return n == null ? map.line() : n.line();
    }

    /** The line of item {@code index} of the list at {@code key}. */
    int lineOf(String key, int index) {
        List<YamlNode> items = items(key);
        return index < items.size() ? items.get(index).line() : lineOf(key);
    }

    Problems problems() {
        return problems;
    }

    /** Reports an error at {@code key} of this map. */
    void error(String key, String reason) {
        problems.at(lineOf(key), path(key), reason);
    }

    /** Reports an error at item {@code index} of the list at {@code key}. */
    void error(String key, int index, String reason) {
        problems.at(lineOf(key, index), path(key, index), reason);
    }

    /** Reports every key not in {@code allowed}, listing the allowed keys. */
    void allow(String... allowed) {
        Set<String> set = new HashSet<>(Arrays.asList(allowed));
        for (YamlNode.Entry e : map.entries().values()) {
            if (!set.contains(e.key())) {
                problems.at(e.keyLine(), path(e.key()), "unknown key (allowed: " + String.join(", ", allowed) + ")");
            }
        }
    }

    /** The raw value of {@code key}, or null when absent. */
    YamlNode node(String key) {
        YamlNode.Entry e = map.entries().get(key);
        return e == null ? null : e.value();
    }

    /** True when {@code key} is present with a non-null value. */
    boolean has(String key) {
        YamlNode n = node(key);
        return n != null && !(n instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.NULL);
    }

    private boolean require(String key) {
        if (has(key)) {
            return true;
        }
        problems.at(map.line(), path(key), node(key) == null ? "required key is missing" : "required, must not be null");
        return false;
    }

    String string(String key) {
        return require(key) ? Scalars.string(node(key), path(key), problems) : null;
    }

    String optString(String key, String dflt) {
        return has(key) ? Scalars.string(node(key), path(key), problems) : dflt;
    }

    Double decimal(String key, double min, double max) {
        return require(key) ? Scalars.decimal(node(key), path(key), problems, min, max) : null;
    }

    Long whole(String key, long min, long max) {
        return require(key) ? Scalars.whole(node(key), path(key), problems, min, max) : null;
    }

    Long optWhole(String key, long min, long max, long dflt) {
        return has(key) ? Scalars.whole(node(key), path(key), problems, min, max) : Long.valueOf(dflt);
    }

    Boolean optBool(String key, boolean dflt) {
        return has(key) ? Scalars.bool(node(key), path(key), problems) : Boolean.valueOf(dflt);
    }

    <E> E choice(String key, Map<String, E> allowed) {
        return require(key) ? Scalars.choice(node(key), path(key), key, allowed, problems) : null;
    }

    <E> E optChoice(String key, Map<String, E> allowed, E dflt) {
        return has(key) ? Scalars.choice(node(key), path(key), key, allowed, problems) : dflt;
    }

    /** The nested map at {@code key}; null when absent (or after reporting that it is not a map). */
    Fields map(String key) {
        return has(key) ? of(node(key), path(key), problems) : null;
    }

    /** True when {@code key} holds a list (absent and null count as an empty list). */
    boolean isListOrAbsent(String key) {
        return !has(key) || node(key) instanceof YamlNode.ListNode;
    }

    /** The items of the list at {@code key}; empty when absent or null, and after reporting a non-list. */
    List<YamlNode> items(String key) {
        if (!has(key)) {
            return List.of();
        }
        if (node(key) instanceof YamlNode.ListNode l) {
            return l.items();
        }
        return List.of();
    }

    /** Like {@link #items} but reports a missing key and a value that is not a list. */
    List<YamlNode> list(String key, boolean required) {
        if (required && !require(key)) {
            return List.of();
        }
        if (has(key) && !(node(key) instanceof YamlNode.ListNode)) {
            error(key, "expected a list, got " + node(key).describe());
        }
        return items(key);
    }

    /** The maps of the list at {@code key}; items that are not maps are reported and skipped. */
    List<Fields> maps(String key, boolean required) {
        List<YamlNode> items = list(key, required);
        List<Fields> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(of(items.get(i), path(key, i), problems));
        }
        return out;
    }

    /** The scalars of the list at {@code key} as strings (null entries where an item was bad). */
    List<String> strings(String key, boolean required) {
        List<YamlNode> items = list(key, required);
        List<String> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(Scalars.string(items.get(i), path(key, i), problems));
        }
        return out;
    }
}
