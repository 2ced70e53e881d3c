package dev.geodns.config.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML text into a {@link YamlNode} tree with line numbers, using Jackson's streaming YAML
 * parser. Duplicate keys, aliases and extra documents are reported to {@link Problems} rather than
 * silently resolved (Jackson's tree model would keep the last duplicate). Thread-safe.
 */
public final class YamlReader {
    /** SnakeYAML's default 3 MiB limit stops a lab world near 25,000 tenants; allow 256 MiB. */
    private static final int MAX_CODE_POINTS = 256 * 1024 * 1024;
    private static final YAMLFactory FACTORY = YAMLFactory.builder().loaderOptions(loaderOptions()).build();

    private static org.yaml.snakeyaml.LoaderOptions loaderOptions() {
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        return options;
    }

    private final JsonParser parser;
    private final Problems problems;

    private YamlReader(JsonParser parser, Problems problems) {
        this.parser = parser;
        this.problems = problems;
    }

    /** The document's root node, or null after reporting why there is none. */
    public static YamlNode read(String text, Problems problems) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                problems.at(1, "", problems.dialect().emptyFile());
                return null;
            }
            YamlNode root = new YamlReader(p, problems).node(first, "");
            if (p.nextToken() != null) {
                problems.at(line(p), "", "only one YAML document is allowed per file");
            }
            return root;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.at(Math.max(line, 0), "", "YAML syntax error: " + summarize(e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            problems.at(0, "", "cannot read YAML: " + e.getMessage());
            return null;
        }
    }

    private YamlNode node(JsonToken token, String path) throws IOException {
        if (token == null) {
            throw new IOException("unexpected end of the YAML text");
        }
        int line = line(parser);
        switch (token) {
            case START_OBJECT:
                return readMap(line, path);
            case START_ARRAY:
                return readList(line, path);
            case VALUE_STRING:
            case VALUE_EMBEDDED_OBJECT:
                if (parser instanceof YAMLParser y && y.isCurrentAlias()) {
                    problems.at(line, path, "YAML aliases (*" + parser.getText() + ") are not supported; write the value out");
                }
                return new YamlNode.Scalar(line, YamlNode.Kind.STRING, parser.getText(), parser.getText());
            case VALUE_NUMBER_INT:
                return new YamlNode.Scalar(line, YamlNode.Kind.INTEGER, parser.getText(), parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return new YamlNode.Scalar(line, YamlNode.Kind.FLOAT, parser.getText(), parser.getDoubleValue());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YamlNode.Scalar(line, YamlNode.Kind.BOOLEAN, parser.getText(), token == JsonToken.VALUE_TRUE);
            case VALUE_NULL:
                return new YamlNode.Scalar(line, YamlNode.Kind.NULL, parser.getText(), null);
            default:
                throw new IllegalStateException("unexpected YAML token " + token + " at line " + line);
        }
    }

    private YamlNode readMap(int line, String path) throws IOException {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String key = parser.currentName();
            int keyLine = line(parser);
            String keyPath = path.isEmpty() ? key : path + "." + key;
            YamlNode value = node(parser.nextToken(), keyPath);
            YamlNode.Entry first = entries.get(key);
            if (first != null) {
                problems.at(keyLine, keyPath, "duplicate key (first given at line " + first.keyLine() + ")");
            } else {
                entries.put(key, new YamlNode.Entry(key, keyLine, value));
            }
        }
        return new YamlNode.MapNode(line, entries);
    }

    private YamlNode readList(int line, String path) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            items.add(node(t, path + "[" + items.size() + "]"));
        }
        return new YamlNode.ListNode(line, items);
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    /**
     * SnakeYAML messages span several lines with source excerpts and carets; keep the sentences only,
     * e.g. "while parsing a flow sequence; expected ',' or ']', but got :".
     */
    static String summarize(String message) {
        if (message == null) {
            return "unreadable YAML";
        }
        List<String> parts = new ArrayList<>();
        for (String raw : message.split("\n")) {
            String s = raw.strip();
            if (s.isEmpty() || s.startsWith("in 'reader'") || s.startsWith("^") || raw.startsWith("    ")) {
                continue;
            }
            parts.add(s);
        }
        return parts.isEmpty() ? message.strip() : String.join("; ", parts);
    }
}
