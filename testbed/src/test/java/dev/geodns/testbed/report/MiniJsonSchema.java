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
final class MiniJsonSchema {
    private final JsonNode root;

    MiniJsonSchema(JsonNode schema) {
        this.root = schema;
    }

    List<String> validate(JsonNode doc) {
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
            for (JsonNode alt : schema.get("anyOf")) {
                List<String> sub = new ArrayList<>();
                check(alt, value, at, sub);
                if (sub.isEmpty()) {
                    return;
                }
            }
            out.add(at + ": matches none of anyOf");
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
