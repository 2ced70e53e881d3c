package dev.geodns.server.frontdoor;

import dev.geodns.config.model.ChainStep;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the service (and the tenant, for per-tenant names) a request's {@code Host} names, from the
 * world's own name patterns: entry names, chain owners and targets, regional names. Immutable.
 */
final class ServiceNames {
    /** A host matched to a service; {@code tenant} is the {@code {tenant}} label as written, or null. */
    record Match(Service service, String tenant) {
    }

    private record Entry(Pattern pattern, Service service, boolean perTenant) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final World world;

    private ServiceNames(World world) {
        this.world = world;
        for (Service s : world.services()) {
            for (String p : s.allNamePatterns()) {
                entries.add(new Entry(compile(p), s, p.contains(ChainStep.TENANT)));
            }
        }
    }

    static ServiceNames of(World world) {
        return new ServiceNames(world);
    }

    /**
     * The service {@code host} belongs to, or null. A per-tenant match whose label is a tenant of the
     * world wins over one whose label is not ({@code contoso-my.sharepoint.com} is {@code contoso}'s).
     */
    Match match(String host) {
        String h = normalise(host);
        if (h == null) {
            return null;
        }
        Match fallback = null;
        for (Entry e : entries) {
            Matcher m = e.pattern().matcher(h);
            if (!m.matches()) {
                continue;
            }
            String tenant = e.perTenant() ? m.group("tenant") : null;
            if (tenant == null || world.tenant(tenant).isPresent()) {
                return new Match(e.service(), tenant);
            }
            if (fallback == null) {
                fallback = new Match(e.service(), tenant);
            }
        }
        return fallback;
    }

    /** The host name of a {@code Host} header: lower case, without port or trailing dot; null if empty. */
    static String normalise(String host) {
        if (host == null || host.isBlank()) {
            return null;
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        if (colon >= 0 && h.indexOf(':', colon + 1) < 0) {
            h = h.substring(0, colon);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** A name pattern as a regular expression: {@code {tenant}} and {@code {site}} stand for one label's worth. */
    private static Pattern compile(String pattern) {
        String p = pattern.toLowerCase(Locale.ROOT);
        if (p.endsWith(".")) {
            p = p.substring(0, p.length() - 1);
        }
        StringBuilder re = new StringBuilder();
        boolean tenantSeen = false;
        boolean siteSeen = false;
        int i = 0;
        while (i < p.length()) {
            if (p.startsWith(ChainStep.TENANT, i)) {
                re.append(tenantSeen ? "\\k<tenant>" : "(?<tenant>[a-z0-9_-]+)");
                tenantSeen = true;
                i += ChainStep.TENANT.length();
            } else if (p.startsWith(ChainStep.SITE, i)) {
                re.append(siteSeen ? "\\k<site>" : "(?<site>[a-z0-9_-]+)");
                siteSeen = true;
                i += ChainStep.SITE.length();
            } else {
                int next = nextPlaceholder(p, i);
                re.append(Pattern.quote(p.substring(i, next)));
                i = next;
            }
        }
        return Pattern.compile(re.toString());
    }

    private static int nextPlaceholder(String p, int from) {
        int t = p.indexOf(ChainStep.TENANT, from);
        int s = p.indexOf(ChainStep.SITE, from);
        int next = p.length();
        if (t >= 0) {
            next = Math.min(next, t);
        }
        if (s >= 0) {
            next = Math.min(next, s);
        }
        return next;
    }
}
