package dev.geodns.config;

import dev.geodns.config.model.ChainStep;
import dev.geodns.config.model.RoutingKind;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.Tenant;
import dev.geodns.config.model.ZoneSpec;
import dev.geodns.config.yaml.Fields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.Record;

/**
 * Checks the names services own: each entry name, chain owner and regional name must fall inside a
 * declared zone, a CNAME owner may not be a zone apex, and once {@code {tenant}} and {@code {site}}
 * are filled in for every tenant and candidate site, no name may belong to two services or also
 * have records in a zone file.
 */
final class NameChecker {
    private final List<String> origins = new ArrayList<>();
    private final Map<String, String> zoneFileNames = new HashMap<>();
    private final Map<String, Claim> claims = new HashMap<>();
    private final List<Site> sites;
    private final List<Tenant> tenants;

    /** Who owns an expanded name: a service, as a CNAME owner or as a regional name, and where. */
    private record Claim(String service, boolean regional, String where) {
    }

    private NameChecker(List<ZoneSpec> zones, List<Site> sites, List<Tenant> tenants) {
        this.sites = sites;
        // a tenant id given twice is reported by WorldValidator; expand it once
        Set<String> ids = new HashSet<>();
        this.tenants = tenants.stream().filter(t -> ids.add(t.id().toLowerCase(Locale.ROOT))).toList();
        for (ZoneSpec z : zones) {
            origins.add(DnsNames.key(z.origin().toString()));
            for (Record r : z.records()) {
                zoneFileNames.putIfAbsent(DnsNames.key(r.getName().toString()), String.valueOf(z.file()));
            }
        }
    }

    static void check(List<ZoneSpec> zones, List<Bound<Service>> services, List<Site> sites, List<Tenant> tenants) {
        NameChecker c = new NameChecker(zones, sites, tenants);
        for (Bound<Service> s : services) {
            c.service(s.value(), s.at());
        }
    }

    private void service(Service s, Fields f) {
        List<String> tenantIds = s.perTenant()
                ? tenants.stream().filter(t -> t.cloud().equals(s.cloud())).map(Tenant::id).toList()
                : Collections.singletonList(null);
        Set<String> nameKeys = new HashSet<>();
        for (int i = 0; i < s.names().size(); i++) {
            String n = s.names().get(i);
            nameKeys.add(DnsNames.key(n));
            if (inZone(n, true, f, f.path("names", i), f.lineOf("names", i))) {
                claimAll(s, n, tenantIds, null, f.path("names", i), f.lineOf("names", i), f);
            }
        }
        List<Fields> steps = f.maps("chain", false);
        for (int i = 0; i < s.chain().size(); i++) {
            ChainStep step = s.chain().get(i);
            Fields at = steps.get(i);
            if (nameKeys.add(DnsNames.key(step.owner()))
                    && inZone(step.owner(), true, f, at.path("owner"), at.lineOf("owner"))) {
                claimAll(s, step.owner(), tenantIds, null, at.path("owner"), at.lineOf("owner"), f);
            }
        }
        Fields regional = f.map("regional");
        String pattern = s.regional().pattern();
        if (inZone(pattern, false, f, regional.path("name"), regional.lineOf("name"))) {
            List<String> codes = candidates(s).stream().map(Site::code).toList();
            List<String> ts = pattern.contains(ChainStep.TENANT) ? tenantIds : Collections.singletonList(null);
            claimAll(s, pattern, ts, codes, regional.path("name"), regional.lineOf("name"), f);
        }
    }

    private List<Site> candidates(Service s) {
        if (s.routing() == RoutingKind.FIXED) {
            return sites.stream().filter(x -> x.id().equals(s.fixedSite())).toList();
        }
        return sites.stream().filter(x -> x.cloud().equals(s.cloud()) && x.kind() == s.siteKind()).toList();
    }

    private boolean inZone(String pattern, boolean cname, Fields f, String path, int line) {
        String key = DnsNames.key(DnsNames.sample(pattern));
        String best = null;
        for (String o : origins) {
            if (DnsNames.isInside(key, o) && (best == null || o.length() > best.length())) {
                best = o;
            }
        }
        if (best == null) {
            f.problems().at(line, path, "'" + pattern + "' is not inside any declared zone ("
                    + (origins.isEmpty() ? "no zones are declared" : "zones: " + String.join(", ", origins)) + ")");
            return false;
        }
        if (cname && key.equals(best)) {
            f.problems().at(line, path, "'" + pattern + "' is the apex of zone " + best
                    + ": a CNAME cannot share its name with the zone's SOA and NS (RFC 1034 section 3.6.2)");
            return false;
        }
        return true;
    }

    /** Claims every expansion of {@code pattern}; stops at the first collision of the pattern. */
    private void claimAll(Service s, String pattern, List<String> tenantIds, List<String> codes, String path,
            int line, Fields f) {
        boolean regional = codes != null;
        for (String tenant : tenantIds) {
            for (String code : regional ? codes : Collections.<String>singletonList(null)) {
                String name = DnsNames.expand(pattern, tenant, code);
                String key = DnsNames.key(name);
                String file = zoneFileNames.get(key);
                if (file != null) {
                    f.problems().at(line, path, "'" + name + "' also has records in zone file " + file);
                    return;
                }
                Claim mine = new Claim(s.id(), regional, path);
                Claim first = claims.putIfAbsent(key, mine);
                if (first != null && !(first.service().equals(s.id()) && first.regional() && regional)) {
                    f.problems().at(line, path, "'" + name + "' is also a " + (first.regional() ? "regional name" : "name")
                            + " of service '" + first.service() + "' (" + first.where() + ")");
                    return;
                }
            }
        }
    }
}
