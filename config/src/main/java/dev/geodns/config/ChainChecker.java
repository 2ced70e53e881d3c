package dev.geodns.config;

import dev.geodns.config.model.ChainStep;
import dev.geodns.config.model.Service;
import dev.geodns.config.yaml.Fields;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the shape of one service's CNAME chain: unique owners; exactly one geo step (the step
 * whose target holds {@code {site}}), last in the list, whose target is {@code regional.name};
 * placeholders only where they can be filled; and every entry name leads, without loops, to the
 * geo step, with no step left unreached.
 */
final class ChainChecker {
    private final Service service;
    private final Fields f;
    private final List<Fields> steps;
    private final Fields regional;

    private ChainChecker(Service service, Fields f, List<Fields> steps, Fields regional) {
        this.service = service;
        this.f = f;
        this.steps = steps;
        this.regional = regional;
    }

    /** Reports every chain problem of {@code service}; {@code steps} are the maps of its chain items. */
    static void check(Service service, Fields f, List<Fields> steps, Fields regional) {
        new ChainChecker(service, f, steps, regional).run();
    }

    private void run() {
        placeholders();
        Map<String, Integer> owners = owners();
        int geo = geoStep();
        if (geo < 0) {
            return;
        }
        ChainStep geoStep = service.chain().get(geo);
        if (geo != service.chain().size() - 1) {
            steps.get(geo).error("target", "the geo step must be the last step of chain");
        }
        if (!DnsNames.key(geoStep.target()).equals(DnsNames.key(service.regional().pattern()))) {
            regional.error("name", "must equal the geo step's target '" + geoStep.target() + "' (" + steps.get(geo).path()
                    + ".target)");
        }
        walk(owners, geo);
    }

    private void placeholders() {
        boolean perTenant = service.perTenant();
        String site = ChainStep.SITE;
        String tenantless = "{tenant} is used but no name of this service holds {tenant}";
        for (int i = 0; i < service.names().size(); i++) {
            if (service.names().get(i).contains(site)) {
                f.error("names", i, "{site} may only appear in the geo step's target and regional.name");
            }
        }
        for (int i = 0; i < service.chain().size(); i++) {
            ChainStep s = service.chain().get(i);
            if (s.owner().contains(site)) {
                steps.get(i).error("owner", "{site} may only appear in the geo step's target and regional.name");
            }
            if (!perTenant && (s.owner().contains(ChainStep.TENANT) || s.target().contains(ChainStep.TENANT))) {
                steps.get(i).error(s.owner().contains(ChainStep.TENANT) ? "owner" : "target", tenantless);
            } else if (s.target().contains(ChainStep.TENANT) && !s.owner().contains(ChainStep.TENANT)) {
                steps.get(i).error("target", "{tenant} in a target needs {tenant} in its owner");
            }
        }
        String pattern = service.regional().pattern();
        if (!pattern.contains(site)) {
            regional.error("name", "must hold {site} (replaced by the code of the answering site)");
        }
        if (!perTenant && pattern.contains(ChainStep.TENANT)) {
            regional.error("name", tenantless);
        }
    }

    private Map<String, Integer> owners() {
        Map<String, Integer> owners = new HashMap<>();
        for (int i = 0; i < service.chain().size(); i++) {
            Integer first = owners.putIfAbsent(DnsNames.key(service.chain().get(i).owner()), i);
            if (first != null) {
                steps.get(i).error("owner", "'" + service.chain().get(i).owner() + "' is already the owner of "
                        + steps.get(first).path() + " (a name has at most one CNAME)");
            }
        }
        return owners;
    }

    /** The index of the single geo step, or -1 after reporting none or several. */
    private int geoStep() {
        int geo = -1;
        for (int i = 0; i < service.chain().size(); i++) {
            if (!service.chain().get(i).isGeoStep()) {
                continue;
            }
            if (geo >= 0) {
                steps.get(i).error("target", "a second geo step (the first is " + steps.get(geo).path()
                        + "); exactly one target may hold {site}");
                return -1;
            }
            geo = i;
        }
        if (geo < 0) {
            f.error("chain", "has no geo step: exactly one step's target must hold {site}");
        }
        return geo;
    }

    private void walk(Map<String, Integer> owners, int geo) {
        Set<Integer> reached = new HashSet<>();
        boolean allReach = true;
        for (int n = 0; n < service.names().size(); n++) {
            String name = service.names().get(n);
            String current = DnsNames.key(name);
            int from = -1;
            Set<Integer> visited = new HashSet<>();
            while (true) {
                Integer step = owners.get(current);
                if (step == null) {
                    if (from < 0) {
                        f.error("names", n, "'" + name + "' owns no chain step (every name must lead to the geo step)");
                    } else {
                        steps.get(from).error("target", "the chain from '" + name + "' stops here: no step owns '"
                                + service.chain().get(from).target() + "' and it is not the geo step");
                    }
                    allReach = false;
                    break;
                }
                if (!visited.add(step)) {
                    steps.get(from).error("target", "the chain from '" + name + "' loops back to " + steps.get(step).path());
                    allReach = false;
                    break;
                }
                reached.add(step);
                if (step == geo) {
                    break;
                }
                from = step;
                current = DnsNames.key(service.chain().get(step).target());
            }
        }
        for (int i = 0; allReach && i < service.chain().size(); i++) {
            if (!reached.contains(i)) {
                steps.get(i).error("owner", "no name of the service leads to this step");
            }
        }
    }
}
