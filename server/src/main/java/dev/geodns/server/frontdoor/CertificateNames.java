package dev.geodns.server.frontdoor;

import dev.geodns.config.model.ChainStep;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.Tenant;
import dev.geodns.config.model.World;
import dev.geodns.config.model.ZoneSpec;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The DNS names the front doors' certificate must carry: every name the world answers. Each zone
 * apex and a wildcard under it; every literal service, chain and regional name; for a pattern whose
 * first label holds {@code {tenant}} or {@code {site}}, a wildcard for the rest
 * ({@code {site}-efz.ms-acdc.office.com} is {@code *.ms-acdc.office.com}); a placeholder deeper in a
 * name is expanded for every tenant and site.
 */
final class CertificateNames {
    private CertificateNames() {
    }

    static List<String> of(World world) {
        TreeSet<String> names = new TreeSet<>();
        for (ZoneSpec z : world.zones()) {
            String apex = strip(z.origin().toString());
            names.add(apex);
            names.add("*." + apex);
        }
        for (Service s : world.services()) {
            for (String p : s.allNamePatterns()) {
                add(names, strip(p), world);
            }
        }
        names.add("localhost");
        return List.copyOf(names);
    }

    private static void add(TreeSet<String> names, String pattern, World world) {
        if (!pattern.contains(ChainStep.TENANT) && !pattern.contains(ChainStep.SITE)) {
            names.add(pattern);
            return;
        }
        int dot = pattern.indexOf('.');
        String rest = dot < 0 ? "" : pattern.substring(dot + 1);
        if (dot > 0 && !rest.contains(ChainStep.TENANT) && !rest.contains(ChainStep.SITE) && rest.contains(".")) {
            names.add("*." + rest);
            return;
        }
        for (Tenant t : world.tenants()) {
            for (Site s : world.sites()) {
                String n = pattern.replace(ChainStep.TENANT, t.id()).replace(ChainStep.SITE, s.code());
                names.add(strip(n));
            }
        }
    }

    private static String strip(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
