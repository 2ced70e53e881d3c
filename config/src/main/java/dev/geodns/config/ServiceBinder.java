package dev.geodns.config;

import dev.geodns.config.model.Basis;
import dev.geodns.config.model.ChainStep;
import dev.geodns.config.model.EndpointCategory;
import dev.geodns.config.model.RegionalName;
import dev.geodns.config.model.RoutingKind;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.SiteKind;
import dev.geodns.config.yaml.Fields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds the {@code services} section: keys, types, name patterns and routing options of each
 * service, then hands its chain to {@link ChainChecker}. References to clouds and sites are checked
 * later by {@link WorldValidator}; zones and name collisions by {@link NameChecker}.
 */
final class ServiceBinder {
    private ServiceBinder() {
    }

    static List<Bound<Service>> bind(Fields root) {
        List<Bound<Service>> out = new ArrayList<>();
        for (Fields f : root.maps("services", false)) {
            if (f != null) {
                Service s = service(f);
                if (s != null) {
                    out.add(new Bound<>(s, f));
                }
            }
        }
        return out;
    }

    private static Service service(Fields f) {
        f.allow("id", "cloud", "routing", "site_kind", "ecs", "fixed_site", "basis", "names", "chain", "regional",
                "category", "service_area");
        String id = Choices.id(f, "id");
        String cloud = f.string("cloud");
        RoutingKind routing = f.choice("routing", Choices.ROUTINGS);
        SiteKind siteKind = f.choice("site_kind", Choices.SITE_KINDS);
        Boolean ecs = f.optBool("ecs", false);
        String fixedSite = f.optString("fixed_site", null);
        Basis basis = f.optChoice("basis", Choices.BASES, Basis.FOUND);
        EndpointCategory category = category(f);
        String serviceArea = f.optString("service_area", Service.DEFAULT_SERVICE_AREA);
        List<String> names = names(f);
        List<Fields> stepFields = new ArrayList<>();
        List<ChainStep> chain = chain(f, stepFields);
        Fields regionalFields = f.map("regional");
        if (!f.has("regional")) {
            f.problems().at(f.line(), f.path("regional"), "required key is missing");
        }
        RegionalName regional = regional(regionalFields);
        routingRules(f, routing, siteKind, fixedSite, names);
        if (id == null || cloud == null || routing == null || siteKind == null || ecs == null || basis == null
                || names == null || chain == null || regional == null) {
            return null;
        }
        Service service = new Service(id, cloud, routing, siteKind, ecs, fixedSite, names, chain, regional, basis,
                category, serviceArea);
        ChainChecker.check(service, f, stepFields, regionalFields);
        return service;
    }

    /** The {@code category} key: Optimize, Allow or Default (the default). */
    private static EndpointCategory category(Fields f) {
        String text = f.optString("category", EndpointCategory.DEFAULT.label());
        EndpointCategory c = text == null ? EndpointCategory.DEFAULT : EndpointCategory.of(text);
        if (c == null) {
            f.error("category", "must be Optimize, Allow or Default, not '" + text + "'");
        }
        return c == null ? EndpointCategory.DEFAULT : c;
    }

    private static List<String> names(Fields f) {
        List<String> names = f.strings("names", true);
        if (names.isEmpty() && f.has("names") && f.isListOrAbsent("names")) {
            f.error("names", "a service needs at least one name");
        }
        boolean ok = !names.isEmpty();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (n == null) {
                ok = false;
                continue;
            }
            String problem = DnsNames.patternProblem(n);
            if (problem != null) {
                f.error("names", i, problem);
                ok = false;
            } else if (seen.putIfAbsent(DnsNames.key(n), i) != null) {
                f.error("names", i, "'" + n + "' is listed twice (also names[" + seen.get(DnsNames.key(n)) + "])");
                ok = false;
            }
        }
        return ok ? names : null;
    }

    private static List<ChainStep> chain(Fields f, List<Fields> stepFields) {
        List<Fields> items = f.maps("chain", true);
        if (items.isEmpty() && f.has("chain") && f.isListOrAbsent("chain")) {
            f.error("chain", "a chain needs at least the geo step (a target holding {site})");
        }
        boolean ok = !items.isEmpty();
        List<ChainStep> out = new ArrayList<>();
        for (Fields s : items) {
            if (s == null) {
                ok = false;
                continue;
            }
            s.allow("owner", "target", "ttl");
            String owner = pattern(s, "owner");
            String target = pattern(s, "target");
            Long ttl = s.whole("ttl", 0, SettingsBinder.TTL_MAX);
            if (owner == null || target == null || ttl == null) {
                ok = false;
                continue;
            }
            out.add(new ChainStep(owner, target, ttl));
            stepFields.add(s);
        }
        return ok ? out : null;
    }

    private static RegionalName regional(Fields r) {
        if (r == null) {
            return null;
        }
        r.allow("name", "ttl");
        String name = pattern(r, "name");
        Long ttl = r.whole("ttl", 0, SettingsBinder.TTL_MAX);
        return name == null || ttl == null ? null : new RegionalName(name, ttl);
    }

    private static String pattern(Fields f, String key) {
        String p = f.string(key);
        if (p == null) {
            return null;
        }
        String problem = DnsNames.patternProblem(p);
        if (problem != null) {
            f.error(key, problem);
            return null;
        }
        return p;
    }

    private static void routingRules(Fields f, RoutingKind routing, SiteKind kind, String fixedSite, List<String> names) {
        if (routing != null && routing.answersOneSite() && fixedSite == null) {
            f.problems().at(f.line(), f.path("fixed_site"), "required for routing: " + routing.yamlName());
        }
        if (routing != null && !routing.answersOneSite() && fixedSite != null) {
            f.error("fixed_site", "only allowed with routing: fixed or anycast (routing is " + routing.yamlName() + ")");
        }
        if (routing == RoutingKind.ANYCAST && kind != null && kind != SiteKind.ANYCAST) {
            f.error("site_kind", "routing: anycast answers with an anycast site's addresses, so site_kind must be anycast");
        }
        if (routing != null && routing != RoutingKind.ANYCAST && kind == SiteKind.ANYCAST) {
            f.error("site_kind", "anycast sites answer only for routing: anycast (routing is " + routing.yamlName() + ")");
        }
        if (routing == RoutingKind.ACTIVE && kind == SiteKind.FRONT_DOOR) {
            f.error("site_kind", "routing: active answers with the tenant's home datacenter, so site_kind must be datacenter");
        }
        if (routing == RoutingKind.ACTIVE && names != null) {
            for (int i = 0; i < names.size(); i++) {
                if (!names.get(i).contains(ChainStep.TENANT)) {
                    f.error("names", i, "routing: active picks the tenant's home datacenter, so every name must hold {tenant}");
                }
            }
        }
    }
}
