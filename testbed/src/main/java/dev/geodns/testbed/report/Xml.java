package dev.geodns.testbed.report;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A tiny writer of well-formed XML (the HTML report is XHTML): every text and attribute value is
 * escaped, and closing tags are checked against the open ones. Not thread-safe.
 */
final class Xml {
    private final StringBuilder sb = new StringBuilder(64 * 1024);
    private final Deque<String> open = new ArrayDeque<>();

    Xml raw(String s) {
        sb.append(s);
        return this;
    }

    /** {@code <name a="v" ...>}; attributes as name, value pairs. */
    Xml open(String name, String... attributes) {
        start(name, attributes);
        sb.append('>');
        open.push(name);
        return this;
    }

    /** {@code <name a="v" .../>}. */
    Xml empty(String name, String... attributes) {
        start(name, attributes);
        sb.append("/>");
        return this;
    }

    Xml close(String name) {
        String top = open.pop();
        if (!top.equals(name)) {
            throw new IllegalStateException("closing " + name + " but " + top + " is open");
        }
        sb.append("</").append(name).append(">\n");
        return this;
    }

    /** An element holding only text. */
    Xml element(String name, String text, String... attributes) {
        start(name, attributes);
        sb.append('>');
        text(text);
        sb.append("</").append(name).append('>');
        return this;
    }

    Xml text(String text) {
        escape(text, false);
        return this;
    }

    private void start(String name, String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        sb.append('<').append(name);
        for (int i = 0; i < attributes.length; i += 2) {
            sb.append(' ').append(attributes[i]).append("=\"");
            escape(attributes[i + 1], true);
            sb.append('"');
        }
    }

    private void escape(String s, boolean attribute) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append(attribute ? "&quot;" : "\"");
                default -> {
                    // XML 1.0 forbids most control characters even when escaped; drop them.
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        sb.append(c);
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed elements: " + open);
        }
        return sb.toString();
    }
}
