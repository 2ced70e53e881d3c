package dev.geodns.config.yaml;

import java.math.BigInteger;
import java.util.Map;

/**
 * Strict conversions of YAML scalars to Java values. Each returns null after reporting a typed
 * error (e.g. "expected a number, got the string 'abc'") to {@link Problems}.
 */
final class Scalars {
    private Scalars() {
    }

    /**
     * A non-blank string. In a dialect that reads scalars as text any scalar is its source text:
     * {@code country: NO} is a string there even though YAML 1.1 reads it as a boolean; otherwise a
     * number or boolean is an error asking to quote it. Null, lists and maps are errors.
     */
    static String string(YamlNode node, String path, Problems problems) {
        boolean scalarsAsText = problems.dialect().scalarsAsText();
        if (node instanceof YamlNode.Scalar s && s.kind() != YamlNode.Kind.NULL
                && (scalarsAsText || s.kind() == YamlNode.Kind.STRING)) {
            if (s.text().isBlank()) {
                problems.at(node.line(), path, "must not be empty");
                return null;
            }
            return s.text();
        }
        String hint = !scalarsAsText && node instanceof YamlNode.Scalar s && s.kind() != YamlNode.Kind.NULL
                ? " (quote it)" : "";
        problems.at(node.line(), path, "expected a string, got " + node.describe() + hint);
        return null;
    }

    /** A list item that must be a non-blank string (any non-null scalar in a dialect reading scalars as text). */
    static String item(YamlNode node, String path, Problems problems) {
        if (node instanceof YamlNode.Scalar s && !s.text().isBlank() && (s.kind() == YamlNode.Kind.STRING
                || problems.dialect().scalarsAsText() && s.kind() != YamlNode.Kind.NULL)) {
            return s.text();
        }
        problems.at(node.line(), path, "expected a non-empty string, got " + node.describe());
        return null;
    }

    /** A whole number within {@code [min, max]}; a quoted number is a string, not a number. */
    static Long whole(YamlNode node, String path, Problems problems, long min, long max) {
        if (!(node instanceof YamlNode.Scalar s) || s.kind() != YamlNode.Kind.INTEGER) {
            problems.at(node.line(), path, "expected " + problems.dialect().wholeNumber() + ", got " + node.describe());
            return null;
        }
        BigInteger v = (BigInteger) s.value();
        if (v.signum() < 0 && min == 0) {
            problems.at(node.line(), path, "must not be negative (got " + v + ")");
            return null;
        }
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            problems.at(node.line(), path, "must be between " + min + " and " + max + " (got " + v + ")");
            return null;
        }
        return v.longValue();
    }

    /** A whole number that fits in a {@code long}; ranges are the caller's. */
    static Long integer(YamlNode node, String path, Problems problems) {
        if (!(node instanceof YamlNode.Scalar s) || s.kind() != YamlNode.Kind.INTEGER) {
            problems.at(node.line(), path, "expected " + problems.dialect().wholeNumber() + ", got " + node.describe());
            return null;
        }
        BigInteger v = (BigInteger) s.value();
        if (v.bitLength() > 63) {
            problems.at(node.line(), path, "integer out of range");
            return null;
        }
        return v.longValue();
    }

    /** A finite number, whole or decimal. */
    static Double number(YamlNode node, String path, Problems problems) {
        if (!(node instanceof YamlNode.Scalar s)
                || (s.kind() != YamlNode.Kind.INTEGER && s.kind() != YamlNode.Kind.FLOAT)) {
            problems.at(node.line(), path, "expected a number, got " + node.describe());
            return null;
        }
        double v = s.value() instanceof BigInteger b ? b.doubleValue() : (Double) s.value();
        if (!Double.isFinite(v)) {
            problems.at(node.line(), path, "must be a finite number");
            return null;
        }
        return v;
    }

    /** A finite decimal number within {@code [min, max]}. */
    static Double decimal(YamlNode node, String path, Problems problems, double min, double max) {
        if (!(node instanceof YamlNode.Scalar s)
                || (s.kind() != YamlNode.Kind.INTEGER && s.kind() != YamlNode.Kind.FLOAT)) {
            problems.at(node.line(), path, "expected a number, got " + node.describe());
            return null;
        }
        double v = s.value() instanceof BigInteger b ? b.doubleValue() : (Double) s.value();
        if (!Double.isFinite(v) || v < min || v > max) {
            problems.at(node.line(), path, s.text() + " is outside [" + fmt(min) + ", " + fmt(max) + "]");
            return null;
        }
        return v;
    }

    /** {@code true} or {@code false}. */
    static Boolean bool(YamlNode node, String path, Problems problems) {
        if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.BOOLEAN) {
            return (Boolean) s.value();
        }
        problems.at(node.line(), path, "expected true or false, got " + node.describe());
        return null;
    }

    /** One of a fixed set of words, e.g. {@code routing: nearest}; the error lists the allowed ones. */
    static <E> E choice(YamlNode node, String path, String what, Map<String, E> allowed, Problems problems) {
        String text = string(node, path, problems);
        if (text == null) {
            return null;
        }
        E value = allowed.get(text);
        if (value == null) {
            problems.at(node.line(), path, "unknown " + what + " '" + text + "' (allowed: "
                    + String.join(", ", allowed.keySet()) + ")");
        }
        return value;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
