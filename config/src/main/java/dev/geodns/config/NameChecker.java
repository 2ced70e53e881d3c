package dev.geodns.config;

import dev.geodns.config.model.ChainStep;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.ZoneSpec;
import dev.geodns.config.yaml.Fields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that the names services own lie in the world's zones: each entry name, chain owner and
 * regional name must fall inside a declared zone, and a CNAME owner may not be a zone apex.
 * Collisions of the expanded names are the compiler's ({@code compiled.WorldCompiler}).
 */
final class NameChecker {
    private final List<String> origins = new ArrayList<>();

    private NameChecker(List<ZoneSpec> zones) {
        for (ZoneSpec z : zones) {
            origins.add(DnsNames.key(z.origin().toString()));
        }
    }

    static void check(List<ZoneSpec> zones, List<Bound<Service>> services) {
        NameChecker c = new NameChecker(zones);
        for (Bound<Service> s : services) {
            c.service(s.value(), s.at());
        }
    }

    private void service(Service s, Fields f) {
        Set<String> nameKeys = new HashSet<>();
        for (int i = 0; i < s.names().size(); i++) {
            nameKeys.add(DnsNames.key(s.names().get(i)));
            inZone(s.names().get(i), true, f, f.path("names", i), f.lineOf("names", i));
        }
        List<Fields> steps = f.maps("chain", false);
        for (int i = 0; i < s.chain().size(); i++) {
            ChainStep step = s.chain().get(i);
            Fields at = steps.get(i);
            if (nameKeys.add(DnsNames.key(step.owner()))) {
                inZone(step.owner(), true, f, at.path("owner"), at.lineOf("owner"));
            }
        }
        Fields regional = f.map("regional");
        inZone(s.regional().pattern(), false, f, regional.path("name"), regional.lineOf("name"));
    }

    private void inZone(String pattern, boolean cname, Fields f, String path, int line) {
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
        } else if (cname && key.equals(best)) {
            f.problems().at(line, path, "'" + pattern + "' is the apex of zone " + best
                    + ": a CNAME cannot share its name with the zone's SOA and NS (RFC 1034 section 3.6.2)");
        }
    }
}
