package dev.geodns.testbed.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON document against the subset of JSON Schema (2020-12) that report.schema.json uses:
 * type (one or a list), required, properties, items, enum, const, anyOf and local $ref. Returns
 * every violation with its JSON pointer. Test code: no external validator is needed for this.
 */
public final class MiniJsonSchema {
    private final JsonNode root;

    public MiniJsonSchema(JsonNode schema) {
        this.root = schema;
    }

    /** The report's schema, {@link JsonReport#SCHEMA_RESOURCE}. */
    public static MiniJsonSchema report() {
        try (java.io.InputStream in = JsonReport.class.getResourceAsStream(JsonReport.SCHEMA_RESOURCE)) {
            return new MiniJsonSchema(new com.fasterxml.jackson.databind.ObjectMapper().readTree(in));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The JSON pointers of object keys in {@code doc} that the schema does not declare where they
     * appear (the schema has no additionalProperties: false, so {@link #validate} lets them pass).
     */
    public List<String> undeclared(JsonNode doc) {
        List<String> out = new ArrayList<>();
        undeclared(root, doc, "", out);
        return out;
    }

    private void undeclared(JsonNode schema, JsonNode value, String at, List<String> out) {
        if (schema.has("$ref")) {
            undeclared(root.at(schema.get("$ref").asText().substring(1)), value, at, out);
            return;
        }
        if (schema.has("anyOf")) {
            for (JsonNode alt : schema.get("anyOf")) {
                List<String> sub = new ArrayList<>();
                check(alt, value, at, sub);
                if (sub.isEmpty()) {
                    undeclared(alt, value, at, out);
                    return;
                }
            }
            return;
        }
        if (value.isObject() && schema.has("properties")) {
            JsonNode props = schema.get("properties");
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                if (!props.has(e.getKey())) {
                    out.add(at + "/" + e.getKey());
                } else {
                    undeclared(props.get(e.getKey()), e.getValue(), at + "/" + e.getKey(), out);
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                undeclared(schema.get("items"), value.get(i), at + "/" + i, out);
            }
        }
    }

    public List<String> validate(JsonNode doc) {
        List<String> out = new ArrayList<>();
        check(root, doc, "", out);
        return out;
    }

    private void check(JsonNode schema, JsonNode value, String at, List<String> out) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local $ref supported: " + ref);
            }
            check(root.at(ref.substring(1)), value, at, out);
            return;
        }
        if (schema.has("anyOf")) {
            List<String> closest = null;
            for (JsonNode alt : schema.get("anyOf")) {
                List<String> sub = new ArrayList<>();
                check(alt, value, at, sub);
                if (sub.isEmpty()) {
                    return;
                }
                if (closest == null || sub.size() < closest.size()) {
                    closest = sub;
                }
            }
            // Why the closest alternative failed: a run report with a wrong key reads as that, not
            // as "neither a run nor a comparison".
            out.addAll(closest);
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            out.add(at + ": expected " + schema.get("const") + ", got " + value);
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) {
                found |= e.equals(value);
            }
            if (!found) {
                out.add(at + ": " + value + " not in " + schema.get("enum"));
            }
        }
        if (schema.has("type")) {
            List<String> types = new ArrayList<>();
            if (schema.get("type").isArray()) {
                schema.get("type").forEach(t -> types.add(t.asText()));
            } else {
                types.add(schema.get("type").asText());
            }
            if (types.stream().noneMatch(t -> is(t, value))) {
                out.add(at + ": expected " + types + ", got " + value.getNodeType());
                return;
            }
        }
        if (value.isObject()) {
            if (schema.has("required")) {
                for (JsonNode r : schema.get("required")) {
                    if (!value.has(r.asText())) {
                        out.add(at + ": missing required key " + r.asText());
                    }
                }
            }
            if (schema.has("properties")) {
                for (Map.Entry<String, JsonNode> p : schema.get("properties").properties()) {
                    if (value.has(p.getKey())) {
                        check(p.getValue(), value.get(p.getKey()), at + "/" + p.getKey(), out);
                    }
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), at + "/" + i, out);
            }
        }
    }

    private static boolean is(String type, JsonNode v) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }
}
