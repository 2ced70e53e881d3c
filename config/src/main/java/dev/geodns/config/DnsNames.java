package dev.geodns.config;

import dev.geodns.config.compiled.NamePatterns;
import dev.geodns.config.model.ChainStep;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Checks and compares the domain names and name patterns of a world file. Names are kept as
 * written; comparisons use {@link #key} (lower case, no trailing dot) because DNS names compare
 * case-insensitively (RFC 4343).
 */
final class DnsNames {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern FRAGMENT = Pattern.compile("[A-Za-z0-9-]{1,63}");
    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})?");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*}|[{}]");

    private DnsNames() {
    }

    /** The comparison key of a name or pattern: lower case without the trailing dot. */
    static String key(String name) {
        return NamePatterns.key(name);
    }

    /** A DNS label of letters, digits and inner hyphens (RFC 952/1123 host label). */
    static boolean isLabel(String s) {
        return LABEL.matcher(s).matches();
    }

    /** A piece of a label (letters, digits, hyphens) such as a site code in {@code {site}-efz}. */
    static boolean isLabelFragment(String s) {
        return FRAGMENT.matcher(s).matches();
    }

    /** Parses an absolute name; a missing trailing dot is allowed. */
    static Name absolute(String text) throws TextParseException {
        if (text.isEmpty() || text.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new TextParseException("'" + text + "' has spaces or characters outside printable ASCII");
        }
        return Name.fromString(text, Name.root);
    }

    /**
     * Why {@code pattern} is not a valid name pattern, or null when it is. Allowed: host labels
     * (letters, digits, hyphen, underscore), a leading {@code *} label, and the placeholders
     * {@code {tenant}} and {@code {site}}.
     */
    static String patternProblem(String pattern) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        while (m.find()) {
            String p = m.group();
            if (!p.equals(ChainStep.TENANT) && !p.equals(ChainStep.SITE)) {
                return "unknown placeholder '" + p + "' in '" + pattern + "' (allowed: {tenant}, {site})";
            }
        }
        String sample = sample(pattern);
        String body = sample.endsWith(".") ? sample.substring(0, sample.length() - 1) : sample;
        if (body.isEmpty()) {
            return "'" + pattern + "' is not a domain name";
        }
        String[] labels = body.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            String l = labels[i];
            boolean ok = HOST_LABEL.matcher(l).matches() || (i == 0 && l.equals("*"));
            if (!ok) {
                return "'" + pattern + "' is not a domain name (bad label '" + l + "')";
            }
        }
        try {
            absolute(sample);
        } catch (TextParseException e) {
            return "'" + pattern + "' is not a domain name: " + e.getMessage();
        }
        return null;
    }

    /** The pattern with placeholders filled by sample labels, for zone-membership checks. */
    static String sample(String pattern) {
        return NamePatterns.expand(pattern, "tenant-x", "SITE-X");
    }

    /** True when the name with key {@code nameKey} is {@code originKey} or below it. */
    static boolean isInside(String nameKey, String originKey) {
        return originKey.isEmpty() || nameKey.equals(originKey) || nameKey.endsWith("." + originKey);
    }
}
