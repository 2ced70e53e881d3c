package dev.geodns.server.endpoints;

import dev.geodns.config.compiled.CompiledService;
import dev.geodns.config.compiled.CompiledWorld;
import dev.geodns.config.compiled.NamePatterns;
import dev.geodns.config.model.EndpointCategory;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.Tenant;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lab world's endpoint list in the JSON shape of Microsoft's endpoint web service: one endpoint
 * set per service, with its entry names (tenants filled in), the lab addresses of the sites it can
 * answer with, its ports, its category and service area. Proxies, PAC files and split tunnels are
 * configured from it. Built from a compiled world; immutable.
 */
public final class EndpointList {
    /** Ports every front door of the lab answers on (HTTP and HTTPS). */
    public static final String TCP_PORTS = "80,443";
    /** The Teams media ports of the real list (endpoint set 11), given to {@code Skype} services. */
    public static final String SKYPE_UDP_PORTS = "3478,3479,3480,3481";

    /** One endpoint set, as the web service spells its fields. */
    public record EndpointSet(int id, String serviceArea, List<String> urls, List<String> ips, String tcpPorts,
            String udpPorts, EndpointCategory category, boolean required, String notes) {
        public EndpointSet {
            urls = List.copyOf(urls);
            ips = List.copyOf(ips);
        }

        /** The set as the web service's JSON object (absent {@code udpPorts} left out, as the service does). */
        public Map<String, Object> toJsonMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("serviceArea", serviceArea);
            m.put("urls", urls);
            m.put("ips", ips);
            m.put("tcpPorts", tcpPorts);
            if (udpPorts != null) {
                m.put("udpPorts", udpPorts);
            }
            m.put("category", category.label());
            m.put("required", required);
            m.put("notes", notes);
            return m;
        }
    }

    private final List<EndpointSet> sets;

    private EndpointList(List<EndpointSet> sets) {
        this.sets = List.copyOf(sets);
    }

    /** The endpoint sets of every service of {@code world}, numbered from 1 in file order. */
    public static EndpointList of(CompiledWorld world) {
        List<EndpointSet> out = new ArrayList<>();
        int id = 1;
        for (CompiledService cs : world.services()) {
            Service s = cs.service();
            out.add(new EndpointSet(id++, s.serviceArea(), urls(cs), ips(cs), TCP_PORTS,
                    "Skype".equals(s.serviceArea()) ? SKYPE_UDP_PORTS : null, s.category(), true,
                    "lab service '" + s.id() + "' (cloud " + s.cloud() + ", routing " + s.routing().yamlName() + ")"));
        }
        return new EndpointList(out);
    }

    public List<EndpointSet> sets() {
        return sets;
    }

    /** The sets of {@code cloud} only (null: all). */
    public EndpointList ofCloud(CompiledWorld world, String cloud) {
        if (cloud == null) {
            return this;
        }
        List<EndpointSet> out = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            if (world.services().get(i).service().cloud().equals(cloud)) {
                out.add(sets.get(i));
            }
        }
        return new EndpointList(out);
    }

    /** The list as the web service's JSON array. */
    public List<Map<String, Object>> toJson() {
        return sets.stream().map(EndpointSet::toJsonMap).toList();
    }

    /** The category of the endpoint set whose URLs match {@code host} (wildcards too), or null. */
    public EndpointCategory categoryOf(String host) {
        String h = NamePatterns.key(host);
        for (EndpointSet s : sets) {
            for (String u : s.urls()) {
                String p = NamePatterns.key(u);
                if (p.equals(h) || (p.startsWith("*.") && h.endsWith(p.substring(1)))) {
                    return s.category();
                }
            }
        }
        return null;
    }

    /** Entry names with every tenant of the cloud filled in, without the trailing dot. */
    private static List<String> urls(CompiledService cs) {
        Set<String> out = new LinkedHashSet<>();
        List<Tenant> tenants = cs.service().perTenant() ? cs.tenants() : Collections.singletonList(null);
        for (String pattern : cs.service().names()) {
            for (Tenant t : tenants) {
                String n = NamePatterns.expand(pattern, t == null ? null : t.id(), null);
                out.add(n.endsWith(".") ? n.substring(0, n.length() - 1) : n);
            }
        }
        return List.copyOf(out);
    }

    /** Every answer address of the sites the service can answer with, as /32 and /128 prefixes. */
    private static List<String> ips(CompiledService cs) {
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        for (Site site : cs.candidateSites()) {
            for (InetAddress a : site.ipv4()) {
                v4.add(a.getHostAddress() + "/32");
            }
            for (InetAddress a : site.ipv6()) {
                v6.add(a instanceof Inet4Address ? a.getHostAddress() + "/32" : a.getHostAddress() + "/128");
            }
        }
        v4.addAll(v6);
        return v4;
    }
}
