package dev.geodns.config.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of a parsed YAML document that remembers the (1-based) line it started on, so that
 * every error can name its line. Built by {@link YamlReader}; read through {@link Fields}.
 */
public sealed interface YamlNode permits YamlNode.MapNode, YamlNode.ListNode, YamlNode.Scalar {

    /** The 1-based line where the node starts. */
    int line();

    /** How the node reads in an error message, e.g. {@code a list} or {@code the string 'abc'}. */
    String describe();

    /** A mapping; entries keep file order. Duplicate keys were reported while parsing (first wins). */
    record MapNode(int line, Map<String, Entry> entries) implements YamlNode {
        public MapNode {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String describe() {
            return "a map";
        }
    }

    /** One key of a mapping, with the line of the key itself. */
    record Entry(String key, int keyLine, YamlNode value) {
    }

    /** A sequence. */
    record ListNode(int line, List<YamlNode> items) implements YamlNode {
        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** What a scalar was resolved to by the YAML parser. */
    enum Kind { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    /**
     * A scalar with its resolved kind, its source text and value ({@link java.math.BigInteger} for
     * integers, {@link Double} for floats, {@link Boolean}, {@link String} or null).
     */
    record Scalar(int line, Kind kind, String text, Object value) implements YamlNode {
        @Override
        public String describe() {
            return switch (kind) {
                case STRING -> "the string '" + text + "'";
                case INTEGER, FLOAT -> "the number " + text;
                case BOOLEAN -> "the boolean " + text;
                case NULL -> "null";
            };
        }
    }
}
