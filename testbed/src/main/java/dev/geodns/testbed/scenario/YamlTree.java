package dev.geodns.testbed.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed YAML document whose nodes remember their line, so that every scenario error can name it.
 * Read with Jackson's streaming parser: duplicate keys, aliases and extra documents are reported
 * instead of silently resolved (the config module's loader does the same for worlds; its classes
 * are internal to it, hence this small copy).
 */
final class YamlTree {
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private YamlTree() {
    }

    /** A node of the tree. */
    sealed interface Node permits MapNode, ListNode, Scalar {
        int line();

        /** How the node reads in an error message. */
        String describe();
    }

    /** A mapping in file order; {@code keyLines} holds the line of each key. */
    record MapNode(int line, Map<String, Node> entries, Map<String, Integer> keyLines) implements Node {
        MapNode {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            keyLines = Map.copyOf(keyLines);
        }

        @Override
        public String describe() {
            return "a map";
        }
    }

    record ListNode(int line, List<Node> items) implements Node {
        ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    enum Kind { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    record Scalar(int line, Kind kind, String text) implements Node {
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

    /** The root node, or null after reporting why there is none. */
    static Node parse(String text, Problems problems) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                problems.at(1, "", "the file is empty");
                return null;
            }
            Node root = read(p, first, "", problems);
            if (p.nextToken() != null) {
                problems.at(p.currentTokenLocation().getLineNr(), "", "only one YAML document is allowed per file");
            }
            return root;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
            problems.at(line, "", "YAML syntax error: " + firstLine(e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            problems.at(0, "", "cannot read YAML: " + e.getMessage());
            return null;
        }
    }

    private static Node read(JsonParser p, JsonToken token, String path, Problems problems) throws IOException {
        if (token == null) {
            throw new IOException("unexpected end of the YAML text");
        }
        int line = p.currentTokenLocation().getLineNr();
        switch (token) {
            case START_OBJECT: {
                Map<String, Node> entries = new LinkedHashMap<>();
                Map<String, Integer> keyLines = new LinkedHashMap<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String key = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    String keyPath = path.isEmpty() ? key : path + "." + key;
                    Node value = read(p, p.nextToken(), keyPath, problems);
                    if (entries.containsKey(key)) {
                        problems.at(keyLine, keyPath, "duplicate key (first given at line " + keyLines.get(key) + ")");
                    } else {
                        entries.put(key, value);
                        keyLines.put(key, keyLine);
                    }
                }
                return new MapNode(line, entries, keyLines);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    items.add(read(p, t, path + "[" + items.size() + "]", problems));
                }
                return new ListNode(line, items);
            }
            case VALUE_STRING:
            case VALUE_EMBEDDED_OBJECT:
                if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                    problems.at(line, path, "YAML aliases (*" + p.getText() + ") are not supported; write the value out");
                }
                return new Scalar(line, Kind.STRING, p.getText());
            case VALUE_NUMBER_INT:
                return new Scalar(line, Kind.INTEGER, p.getText());
            case VALUE_NUMBER_FLOAT:
                return new Scalar(line, Kind.FLOAT, p.getText());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new Scalar(line, Kind.BOOLEAN, p.getText());
            case VALUE_NULL:
                return new Scalar(line, Kind.NULL, p.getText());
            default:
                throw new IllegalStateException("unexpected YAML token " + token + " at line " + line);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable YAML";
        }
        List<String> parts = new ArrayList<>();
        for (String raw : message.split("\n")) {
            String s = raw.strip();
            if (!s.isEmpty() && !s.startsWith("in 'reader'") && !s.startsWith("^") && !raw.startsWith("    ")) {
                parts.add(s);
            }
        }
        return parts.isEmpty() ? message.strip() : String.join("; ", parts);
    }
}
