package dev.geodns.testbed.scenario;

import dev.geodns.testbed.scenario.YamlTree.Kind;
import dev.geodns.testbed.scenario.YamlTree.ListNode;
import dev.geodns.testbed.scenario.YamlTree.MapNode;
import dev.geodns.testbed.scenario.YamlTree.Node;
import dev.geodns.testbed.scenario.YamlTree.Scalar;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Strict reader of one YAML map at a key path (e.g. {@code clients[2]}): unknown keys, missing
 * required keys and wrong types are reported with line and key path. Getters return null after
 * reporting, so that binding goes on and collects every error of the file.
 */
final class Keys {
    private final MapNode map;
    private final String path;
    private final Problems problems;

    private Keys(MapNode map, String path, Problems problems) {
        this.map = map;
        this.path = path;
        this.problems = problems;
    }

    /** The map at {@code path}, or null after reporting that {@code node} is not one. */
    static Keys of(Node node, String path, Problems problems) {
        if (node instanceof MapNode m) {
            return new Keys(m, path, problems);
        }
        problems.at(node.line(), path, "expected a map, got " + node.describe());
        return null;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    int line() {
        return map.line();
    }

    int lineOf(String key) {
        Node n = map.entries().get(key);
        return n == null ? map.line() : n.line();
    }

    boolean has(String key) {
        Node n = map.entries().get(key);
        return n != null && !(n instanceof Scalar s && s.kind() == Kind.NULL);
    }

    void error(String key, String reason) {
        problems.at(lineOf(key), path(key), reason);
    }

    /** Reports an error about the map itself. */
    void error(String reason) {
        problems.at(map.line(), path, reason);
    }

    Problems problems() {
        return problems;
    }

    /** Reports every key not in {@code allowed}. */
    void allow(String... allowed) {
        List<String> ok = Arrays.asList(allowed);
        for (String key : map.entries().keySet()) {
            if (!ok.contains(key)) {
                problems.at(map.keyLines().get(key), path(key),
                        "unknown key (allowed here: " + String.join(", ", allowed) + ")");
            }
        }
    }

    /** A string value; numbers and booleans are not silently turned into strings. */
    String string(String key, boolean required) {
        Node n = present(key, required);
        if (n == null) {
            return null;
        }
        if (n instanceof Scalar s && s.kind() == Kind.STRING) {
            if (s.text().isBlank()) {
                error(key, "must not be empty");
                return null;
            }
            return s.text();
        }
        error(key, "expected a string, got " + n.describe() + (n instanceof Scalar ? " (quote it)" : ""));
        return null;
    }

    /** A number (integer or decimal); strings are not parsed into numbers. */
    Double number(String key, boolean required) {
        Node n = present(key, required);
        if (n == null) {
            return null;
        }
        if (n instanceof Scalar s && (s.kind() == Kind.INTEGER || s.kind() == Kind.FLOAT)) {
            double v = Double.parseDouble(s.text());
            if (!Double.isFinite(v)) {
                error(key, "must be a finite number");
                return null;
            }
            return v;
        }
        error(key, "expected a number, got " + n.describe());
        return null;
    }

    Long integer(String key, boolean required) {
        Node n = present(key, required);
        if (n == null) {
            return null;
        }
        if (n instanceof Scalar s && s.kind() == Kind.INTEGER) {
            try {
                return Long.parseLong(s.text());
            } catch (NumberFormatException e) {
                error(key, "integer out of range");
                return null;
            }
        }
        error(key, "expected an integer, got " + n.describe());
        return null;
    }

    Boolean bool(String key, boolean required) {
        Node n = present(key, required);
        if (n == null) {
            return null;
        }
        if (n instanceof Scalar s && s.kind() == Kind.BOOLEAN) {
            return Boolean.parseBoolean(s.text());
        }
        error(key, "expected true or false, got " + n.describe());
        return null;
    }

    /** The raw node at {@code key}, or null when absent (after reporting if required). */
    Node node(String key, boolean required) {
        return present(key, required);
    }

    /** The items of a list; absent = empty; null after reporting a wrong type. */
    List<Node> list(String key, boolean required) {
        Node n = present(key, required);
        if (n == null) {
            return required ? null : List.of();
        }
        if (n instanceof ListNode l) {
            return l.items();
        }
        error(key, "expected a list, got " + n.describe());
        return null;
    }

    /** A list of strings; a single string is not accepted in its place. */
    List<String> strings(String key, boolean required) {
        List<Node> items = list(key, required);
        if (items == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Node n = items.get(i);
            if (n instanceof Scalar s && s.kind() == Kind.STRING && !s.text().isBlank()) {
                out.add(s.text());
            } else {
                problems.at(n.line(), path(key) + "[" + i + "]", "expected a non-empty string, got " + n.describe());
            }
        }
        return out;
    }

    /** A string or a list of strings (for "one of" values). */
    List<String> stringOrStrings(String key) {
        Node n = present(key, false);
        if (n == null) {
            return List.of();
        }
        if (n instanceof Scalar) {
            String s = string(key, false);
            return s == null ? List.of() : List.of(s);
        }
        List<String> out = strings(key, false);
        return out == null ? List.of() : out;
    }

    /** The nested map at {@code key}, or null when absent or not a map (reported). */
    Keys map(String key, boolean required) {
        Node n = present(key, required);
        return n == null ? null : of(n, path(key), problems);
    }

    private Node present(String key, boolean required) {
        Node n = map.entries().get(key);
        if (n == null || n instanceof Scalar s && s.kind() == Kind.NULL) {
            if (required) {
                problems.at(map.line(), path(key), "missing required key");
            }
            return null;
        }
        return n;
    }
}
