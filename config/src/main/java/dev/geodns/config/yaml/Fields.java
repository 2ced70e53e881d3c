package dev.geodns.config.yaml;

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
 * Getters without {@code opt} report a missing key; {@code opt} getters return their default for an
 * absent or null key. A key given as {@code null} counts as absent everywhere.
 */
public final class Fields {
    private final YamlNode.MapNode map;
    private final String path;
    private final Problems problems;

    private Fields(YamlNode.MapNode map, String path, Problems problems) {
        this.map = map;
        this.path = path;
        this.problems = problems;
    }

    /** The map at {@code path}, or null after reporting that {@code node} is not a map. */
    public static Fields of(YamlNode node, String path, Problems problems) {
        if (node instanceof YamlNode.MapNode m) {
            return new Fields(m, path, problems);
        }
        problems.at(node.line(), path, "expected a map, got " + node.describe());
        return null;
    }

    /** The key path of this map, e.g. {@code sites[3]} (empty for the root). */
    public String path() {
        return path;
    }

    /** The key path of {@code key} in this map, e.g. {@code sites[3].latitude}. */
    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The key path of item {@code index} of the list at {@code key}. */
    public String path(String key, int index) {
        return path(key) + "[" + index + "]";
    }

    /** The line the map starts on. */
    public int line() {
        return map.line();
    }

    /** The line of {@code key}'s value, or of the map when the key is absent. */
    public int lineOf(String key) {
        YamlNode n = node(key);
        return n == null ? map.line() : n.line();
    }

    /** The line of item {@code index} of the list at {@code key}. */
    public int lineOf(String key, int index) {
        List<YamlNode> items = items(key);
        return index < items.size() ? items.get(index).line() : lineOf(key);
    }

    /** Where this map's errors go; also for errors a binder words itself. */
    public Problems problems() {
        return problems;
    }

    /** Reports an error at {@code key} of this map. */
    public void error(String key, String reason) {
        problems.at(lineOf(key), path(key), reason);
    }

    /** Reports an error at item {@code index} of the list at {@code key}. */
    public void error(String key, int index, String reason) {
        problems.at(lineOf(key, index), path(key, index), reason);
    }

    /** Reports an error about the map itself, e.g. a rule between its keys. */
    public void error(String reason) {
        problems.at(map.line(), path, reason);
    }

    /** Reports every key not in {@code allowed}, listing the allowed keys and naming a close one. */
    public void allow(String... allowed) {
        List<String> list = Arrays.asList(allowed);
        Set<String> set = new HashSet<>(list);
        for (YamlNode.Entry e : map.entries().values()) {
            if (!set.contains(e.key())) {
                problems.at(e.keyLine(), path(e.key()), "unknown key (" + problems.dialect().allowedKeys() + ": "
                        + String.join(", ", allowed) + ")" + Suggestion.didYouMean(e.key(), list));
            }
        }
    }

    /** The raw value of {@code key}, or null when absent. */
    public YamlNode node(String key) {
        YamlNode.Entry e = map.entries().get(key);
        return e == null ? null : e.value();
    }

    /** True when {@code key} is present with a non-null value. */
    public boolean has(String key) {
        YamlNode n = node(key);
        return n != null && !(n instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.NULL);
    }

    /** True when {@code key} is present with a non-null value; else reports it missing at the map's line. */
    public boolean require(String key) {
        if (has(key)) {
            return true;
        }
        Dialect d = problems.dialect();
        problems.at(map.line(), path(key), node(key) == null ? d.missingKey() : d.nullKey());
        return false;
    }

    /** A non-blank string (see {@link Dialect#scalarsAsText()}). */
    public String string(String key) {
        return require(key) ? Scalars.string(node(key), path(key), problems) : null;
    }

    public String optString(String key, String dflt) {
        return has(key) ? Scalars.string(node(key), path(key), problems) : dflt;
    }

    /** A finite number within {@code [min, max]}. */
    public Double decimal(String key, double min, double max) {
        return require(key) ? Scalars.decimal(node(key), path(key), problems, min, max) : null;
    }

    /** A finite number, whole or decimal, of any size. */
    public Double number(String key) {
        return require(key) ? Scalars.number(node(key), path(key), problems) : null;
    }

    public Double optNumber(String key, Double dflt) {
        return has(key) ? Scalars.number(node(key), path(key), problems) : dflt;
    }

    /** A whole number that fits in a {@code long}, for keys whose bounds the caller words itself. */
    public Long integer(String key) {
        return require(key) ? Scalars.integer(node(key), path(key), problems) : null;
    }

    /** A whole number within {@code [min, max]}; a quoted number is a string, not a number. */
    public Long whole(String key, long min, long max) {
        return require(key) ? Scalars.whole(node(key), path(key), problems, min, max) : null;
    }

    public Long optWhole(String key, long min, long max, long dflt) {
        return has(key) ? Scalars.whole(node(key), path(key), problems, min, max) : Long.valueOf(dflt);
    }

    /** {@code true} or {@code false}. */
    public Boolean optBool(String key, boolean dflt) {
        return has(key) ? Scalars.bool(node(key), path(key), problems) : Boolean.valueOf(dflt);
    }

    /** One of the words {@code allowed} maps; the error lists them all, in the map's order. */
    public <E> E choice(String key, Map<String, E> allowed) {
        return require(key) ? Scalars.choice(node(key), path(key), key, allowed, problems) : null;
    }

    public <E> E optChoice(String key, Map<String, E> allowed, E dflt) {
        return has(key) ? Scalars.choice(node(key), path(key), key, allowed, problems) : dflt;
    }

    /** The nested map at {@code key}; null when absent (or after reporting that it is not a map). */
    public Fields map(String key) {
        return has(key) ? of(node(key), path(key), problems) : null;
    }

    /** True when {@code key} holds a list (absent and null count as an empty list). */
    public boolean isListOrAbsent(String key) {
        return !has(key) || node(key) instanceof YamlNode.ListNode;
    }

    /** The items of the list at {@code key}; empty when absent or null, and after reporting a non-list. */
    public List<YamlNode> items(String key) {
        if (!has(key)) {
            return List.of();
        }
        if (node(key) instanceof YamlNode.ListNode l) {
            return l.items();
        }
        return List.of();
    }

    /** Like {@link #items} but reports a missing key and a value that is not a list. */
    public List<YamlNode> list(String key, boolean required) {
        if (required && !require(key)) {
            return List.of();
        }
        if (has(key) && !(node(key) instanceof YamlNode.ListNode)) {
            error(key, "expected a list, got " + node(key).describe());
        }
        return items(key);
    }

    /**
     * The items of the list at {@code key}, or null after reporting a missing required key or a value
     * that is not a list (so that a caller can tell "no list" from "an empty list"); empty when an
     * optional key is absent.
     */
    public List<YamlNode> listOrNull(String key, boolean required) {
        if (!has(key)) {
            return required && !require(key) ? null : List.of(); // require reports the missing key
        }
        if (!(node(key) instanceof YamlNode.ListNode)) {
            error(key, "expected a list, got " + node(key).describe());
            return null;
        }
        return items(key);
    }

    /** The strings of the list at {@code key}, bad items reported and left out; null as {@link #listOrNull}. */
    public List<String> stringsOrNull(String key, boolean required) {
        List<YamlNode> items = listOrNull(key, required);
        if (items == null) {
            return null;
        }
        List<String> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String s = Scalars.item(items.get(i), path(key, i), problems);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** The maps of the list at {@code key}; a null entry where an item is not a map (reported). */
    public List<Fields> maps(String key, boolean required) {
        List<YamlNode> items = list(key, required);
        List<Fields> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(of(items.get(i), path(key, i), problems));
        }
        return out;
    }

    /** A string or a list of strings, for "one of" values; empty when absent, bad items left out. */
    public List<String> oneOrMore(String key) {
        if (!has(key)) {
            return List.of();
        }
        if (node(key) instanceof YamlNode.Scalar) {
            String s = Scalars.string(node(key), path(key), problems);
            return s == null ? List.of() : List.of(s);
        }
        List<String> strings = stringsOrNull(key, false);
        return strings == null ? List.of() : strings;
    }

    /** The scalars of the list at {@code key} as strings (null entries where an item was bad). */
    public List<String> strings(String key, boolean required) {
        List<YamlNode> items = list(key, required);
        List<String> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(Scalars.string(items.get(i), path(key, i), problems));
        }
        return out;
    }
}
