package dev.geodns.config;

import dev.geodns.config.model.Basis;
import dev.geodns.config.model.Tenant;
import dev.geodns.config.yaml.Fields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Binds the {@code tenants} section; site references and cloud fences are checked by {@link WorldValidator}. */
final class TenantBinder {
    private TenantBinder() {
    }

    static List<Bound<Tenant>> bind(Fields root) {
        List<Bound<Tenant>> out = new ArrayList<>();
        for (Fields t : root.maps("tenants", false)) {
            if (t == null) {
                continue;
            }
            t.allow("id", "cloud", "home", "failover", "mailbox", "extra_geos", "basis");
            String id = t.string("id");
            if (id != null && !DnsNames.isLabel(id)) {
                t.error("id", "'" + id + "' is not a DNS label (letters, digits and inner hyphens, at most 63): "
                        + "it replaces {tenant} in names");
                id = null;
            }
            String cloud = t.string("cloud");
            String home = t.string("home");
            List<String> failover = t.strings("failover", false);
            String mailbox = t.optString("mailbox", null);
            List<String> extra = t.strings("extra_geos", false);
            Basis basis = t.optChoice("basis", Choices.BASES, Basis.FOUND);
            Set<String> seen = new HashSet<>();
            if (home != null) {
                seen.add(home);
            }
            for (int i = 0; i < failover.size(); i++) {
                String site = failover.get(i);
                if (site != null && !seen.add(site)) {
                    t.error("failover", i, "'" + site + "' is already the home or an earlier failover");
                }
            }
            if (id == null || cloud == null || home == null || basis == null || failover.contains(null)
                    || extra.contains(null)) {
                continue;
            }
            out.add(new Bound<>(new Tenant(id, cloud, home, failover, mailbox, extra, basis), t));
        }
        return out;
    }
}
