package dev.geodns.config.compiled;

import dev.geodns.config.model.ChainStep;
import java.util.Locale;

/**
 * Name patterns of a world: filling the placeholders ({@code {tenant}} with a tenant id,
 * {@code {site}} with a site code) and the key names are compared by. DNS names compare
 * case-insensitively (RFC 4343), so keys are lower case, without the trailing dot.
 */
public final class NamePatterns {
    private NamePatterns() {
    }

    /** The pattern with {@code {tenant}} and {@code {site}} replaced (either may be null to keep it). */
    public static String expand(String pattern, String tenant, String siteCode) {
        String s = pattern;
        if (tenant != null) {
            s = s.replace(ChainStep.TENANT, tenant);
        }
        if (siteCode != null) {
            s = s.replace(ChainStep.SITE, siteCode);
        }
        return s;
    }

    /** The comparison key of a name or pattern: lower case without the trailing dot. */
    public static String key(String name) {
        String s = name.toLowerCase(Locale.ROOT);
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
