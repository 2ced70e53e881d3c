package dev.geodns.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.EndpointCategory;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.World;
import dev.geodns.server.GeoDnsServer;
import dev.geodns.server.endpoints.EndpointList;
import dev.geodns.server.endpoints.PacFile;
import dev.geodns.server.engine.Explainer;
import dev.geodns.server.engine.ServingState;
import dev.geodns.server.faults.FaultRule;
import dev.geodns.server.faults.FaultRules;
import dev.geodns.server.geo.ClientSubnet;
import dev.geodns.server.metrics.ServerMetrics;
import dev.geodns.server.metrics.WorldMetrics;
import dev.geodns.server.routing.DrainState;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The admin API's endpoints, apart from HTTP plumbing ({@link AdminServer} carries requests here):
 * one method per endpoint, every answer JSON except {@code /metrics}, every error a JSON object
 * {@code {"error": "...", "status": N}}. The endpoints are listed in {@code server/README.md}
 * ("Admin API"). Thread-safe; reload and explain do real work, so call it off the event loop.
 */
public final class AdminApi {
    static final String JSON = "application/json; charset=utf-8";

    /**
     * Jackson's mapper, made at the first JSON answer rather than at start: making it loads about
     * a hundred classes, a tenth of a second of CPU that would otherwise compete with the first DNS
     * answers for the cores.
     */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper();
    }

    private final GeoDnsServer server;
    private final WorldReloader reloader;
    private final ServerMetrics metrics;
    private final AdminAuth auth;
    private final Explainer explainer;
    private volatile Supplier<Map<String, Object>> frontDoors;

    /**
     * @param reloader how {@code POST /reload} reloads, or null (then it answers 501)
     * @param metrics what {@code GET /metrics} serves, or null (then it answers 404)
     */
    public AdminApi(GeoDnsServer server, WorldReloader reloader, ServerMetrics metrics, AdminAuth auth) {
        this.server = server;
        this.reloader = reloader;
        this.metrics = metrics;
        this.auth = auth;
        this.explainer = new Explainer(server::current, server.faults());
    }

    /** Lists the running front doors at {@code GET /front-doors} (404 until set). */
    public void frontDoors(Supplier<Map<String, Object>> listing) {
        this.frontDoors = listing;
    }

    /** An HTTP answer: status, content type, body and extra headers. */
    public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    }

    /**
     * Answers one request.
     *
     * @param method the HTTP method, upper case
     * @param uri the request target (path and query)
     * @param authorization the {@code Authorization} header, or null
     */
    public Response handle(String method, String uri, String authorization) {
        if (!auth.allows(authorization)) {
            return error(401, authorization == null ? "a bearer token is required" : "wrong token",
                    Map.of("WWW-Authenticate", "Bearer realm=\"geodns-admin\""));
        }
        String path;
        Map<String, List<String>> params;
        try {
            QueryStringDecoder decoder = new QueryStringDecoder(uri);
            path = decoder.path();
            params = decoder.parameters();
        } catch (IllegalArgumentException e) {
            return error(400, "malformed request target: " + e.getMessage(), Map.of());
        }
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        try {
            switch (path) {
                case "/":
                    return only(method, "GET") ? json(200, index()) : notAllowed("GET");
                case "/health":
                    return only(method, "GET") ? health() : notAllowed("GET");
                case "/metrics":
                    return only(method, "GET") ? metrics() : notAllowed("GET");
                case "/explain":
                    return only(method, "GET") ? explain(params) : notAllowed("GET");
                case "/sites":
                    return only(method, "GET") ? json(200, sites()) : notAllowed("GET");
                case "/reload":
                    return only(method, "POST") ? reload() : notAllowed("POST");
                case "/world":
                    return only(method, "GET") ? json(200, world()) : notAllowed("GET");
                case "/endpoints":
                    return only(method, "GET") ? endpoints(params, false) : notAllowed("GET");
                case "/pac":
                    return only(method, "GET") ? endpoints(params, true) : notAllowed("GET");
                case "/front-doors":
                    if (!only(method, "GET")) {
                        return notAllowed("GET");
                    }
                    Supplier<Map<String, Object>> doors = frontDoors;
                    return doors == null ? error(404, "front doors are not running (serve --front-doors)", Map.of())
                            : json(200, doors.get());
                case "/faults":
                    return faults(method, params);
                default:
                    break;
            }
            String[] parts = path.split("/", -1);
            if (parts.length == 3 && parts[1].equals("faults")) {
                return method.equals("DELETE") ? removeFault(parts[2]) : notAllowed("DELETE");
            }
            if (parts.length == 4 && parts[1].equals("sites") && !parts[2].isEmpty()
                    && (parts[3].equals("drain") || parts[3].equals("restore"))) {
                return only(method, "POST")
                        ? drain(QueryStringDecoder.decodeComponent(parts[2]), parts[3].equals("drain"))
                        : notAllowed("POST");
            }
            return error(404, "no such endpoint: " + path, Map.of());
        } catch (RuntimeException e) {
            return error(500, "internal error: " + e, Map.of());
        }
    }

    private static boolean only(String method, String allowed) {
        return allowed.equals(method) || ("GET".equals(allowed) && "HEAD".equals(method));
    }

    private static Map<String, Object> index() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpoints", List.of("GET /health", "GET /metrics", "GET /explain?name=&type=&source=&ecs=",
                "GET /sites", "POST /sites/{id}/drain", "POST /sites/{id}/restore", "POST /reload", "GET /world",
                "GET /front-doors", "GET /endpoints?cloud=", "GET /pac?proxy=HOST:PORT&direct=Optimize,Allow",
                "GET /faults", "POST /faults?action=&name=&site=&type=&transport=&delay-ms=&jitter-ms=&times=",
                "DELETE /faults", "DELETE /faults/{id}"));
        return m;
    }

    /** The served world's endpoint list (web service JSON), or its PAC file. */
    private Response endpoints(Map<String, List<String>> params, boolean pac) {
        ServingState s = server.current();
        if (s == null) {
            return error(503, "no world is being served", Map.of());
        }
        EndpointList list = EndpointList.of(s.snapshot().compiled()).ofCloud(s.snapshot().compiled(),
                param(params, "cloud"));
        if (!pac) {
            return json(200, list.toJson());
        }
        String proxy = param(params, "proxy") == null ? PacFile.DEFAULT_PROXY : param(params, "proxy");
        if (!PacFile.validProxy(proxy)) {
            return error(400, "parameter 'proxy': '" + proxy + "' is not HOST:PORT", Map.of());
        }
        Set<EndpointCategory> direct = PacFile.DEFAULT_DIRECT;
        if (param(params, "direct") != null) {
            direct = new HashSet<>();
            for (String c : param(params, "direct").split(",")) {
                EndpointCategory cat = EndpointCategory.of(c.trim());
                if (cat == null) {
                    return error(400, "parameter 'direct': '" + c + "' is not Optimize, Allow or Default", Map.of());
                }
                direct.add(cat);
            }
        }
        return new Response(200, "application/x-ns-proxy-autoconfig",
                PacFile.of(list, s.world().name(), proxy, direct).getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private Response health() {
        ServingState s = server.current();
        List<InetSocketAddress> dns = server.dnsAddresses();
        boolean ready = s != null && !dns.isEmpty();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", ready ? "ok" : "unavailable");
        m.put("world", s == null ? null : s.world().name());
        m.put("generation", s == null ? null : s.generation());
        m.put("dns", dns.stream().map(AdminApi::format).toList());
        m.put("drained", server.drainedSites());
        return json(ready ? 200 : 503, m);
    }

    private Response metrics() {
        if (metrics == null) {
            return error(404, "metrics are not enabled", Map.of());
        }
        return new Response(200, ServerMetrics.CONTENT_TYPE, metrics.scrape().getBytes(StandardCharsets.UTF_8),
                Map.of());
    }

    private Response explain(Map<String, List<String>> params) {
        String name = param(params, "name");
        if (name == null) {
            return error(400, "missing parameter 'name'", Map.of());
        }
        String source = param(params, "source");
        if (source == null) {
            return error(400, "missing parameter 'source' (the asking resolver's address)", Map.of());
        }
        byte[] src = Cidr.parseLiteral(source);
        if (src == null) {
            return error(400, "parameter 'source': '" + source + "' is not an IP address", Map.of());
        }
        String typeText = param(params, "type");
        int type = typeText == null ? Type.A : Type.value(typeText.toUpperCase(Locale.ROOT));
        if (type < 0) {
            return error(400, "parameter 'type': unknown type '" + typeText + "'", Map.of());
        }
        ClientSubnet ecs = null;
        String ecsText = param(params, "ecs");
        if (ecsText != null) {
            try {
                Cidr cidr = Cidr.parse(ecsText);
                ecs = new ClientSubnet(cidr.isIpv4() ? ClientSubnet.FAMILY_IPV4 : ClientSubnet.FAMILY_IPV6,
                        cidr.prefixLength(), 0, cidr.networkBytes());
            } catch (IllegalArgumentException e) {
                return error(400, "parameter 'ecs': " + e.getMessage(), Map.of());
            }
        }
        try {
            return json(200, explainer.explain(name, type, InetAddress.getByAddress(src), ecs));
        } catch (IOException e) {
            return error(400, "parameter 'name': " + e.getMessage(), Map.of());
        }
    }

    private static String param(Map<String, List<String>> params, String key) {
        List<String> values = params.get(key);
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            return null;
        }
        return values.get(0).strip();
    }

    private Map<String, Object> sites() {
        DrainState drain = server.worldState().drain();
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < drain.table().size(); i++) {
            Site s = drain.table().site(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("kind", s.kind().yamlName());
            m.put("code", s.code());
            m.put("cloud", s.cloud());
            m.put("city", s.place().city());
            m.put("country", s.place().country());
            m.put("continent", s.place().continent().name());
            m.put("drained", drain.isDrained(i));
            m.put("ipv4", s.ipv4().stream().map(InetAddress::getHostAddress).toList());
            m.put("ipv6", s.ipv6().stream().map(InetAddress::getHostAddress).toList());
            list.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generation", server.current().generation());
        out.put("sites", list);
        return out;
    }

    private Response drain(String siteId, boolean drain) {
        boolean changed;
        try {
            changed = drain ? server.drain(siteId) : server.restore(siteId);
        } catch (IllegalArgumentException e) {
            return error(404, "unknown site '" + siteId + "'", Map.of());
        } catch (java.io.UncheckedIOException e) {
            return error(500, e.getMessage() + " (nothing changed)", Map.of());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("site", siteId);
        m.put("drained", drain);
        m.put("changed", changed);
        m.put("drainedSites", server.drainedSites());
        return json(200, m);
    }

    private Response reload() {
        if (reloader == null) {
            return error(501, "this server has no world source to reload from", Map.of());
        }
        ReloadResult result = reloader.reload(WorldMetrics.Trigger.API);
        Map<String, Object> body = result.toJsonMap();
        if (!result.ok()) {
            body.put("error", "world rejected: " + result.errors().size() + " error(s); still serving generation "
                    + result.generation());
            body.put("status", 422);
        }
        return json(result.ok() ? 200 : 422, body);
    }

    private Map<String, Object> world() {
        ServingState s = server.current();
        World w = s.world();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", w.name());
        m.put("source", w.source() == null ? "built-in" : w.source().toString());
        m.put("generation", s.generation());
        m.put("loadedAt", s.loadedAt().toString());
        m.put("summary", w.summary());
        m.put("clouds", w.clouds().stream().map(c -> c.id()).toList());
        m.put("sites", w.sites().size());
        m.put("services", w.services().stream().map(x -> x.id()).toList());
        m.put("tenants", w.tenants().stream().map(t -> t.id()).toList());
        m.put("networks", w.networks().size());
        m.put("zones", s.snapshot().origins().stream().map(Name::toString).toList());
        m.put("drained", server.drainedSites());
        return m;
    }

    /** {@code /faults}: list (GET), add one rule from the query parameters (POST), remove all (DELETE). */
    private Response faults(String method, Map<String, List<String>> params) {
        FaultRules rules = server.faults();
        if (rules == null) {
            return error(404, "fault injection is off (serve --faults)", Map.of());
        }
        switch (method) {
            case "GET":
            case "HEAD":
                return json(200, rules.describe());
            case "POST":
                Map<String, String> single = new LinkedHashMap<>();
                params.forEach((k, v) -> single.put(k, v.isEmpty() ? "" : v.get(0)));
                try {
                    return json(201, rules.add(FaultRule.parse(single)).toJsonMap());
                } catch (IllegalArgumentException e) {
                    return error(400, e.getMessage(), Map.of());
                }
            case "DELETE":
                rules.clear();
                return json(200, rules.describe());
            default:
                return notAllowed("GET, POST, DELETE");
        }
    }

    private Response removeFault(String idText) {
        FaultRules rules = server.faults();
        if (rules == null) {
            return error(404, "fault injection is off (serve --faults)", Map.of());
        }
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            return error(404, "no fault rule '" + idText + "'", Map.of());
        }
        return rules.remove(id) ? json(200, rules.describe()) : error(404, "no fault rule " + id, Map.of());
    }

    private static String format(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    static Response json(int status, Object body) {
        try {
            byte[] bytes = (Mapper.INSTANCE.writeValueAsString(body) + "\n").getBytes(StandardCharsets.UTF_8);
            return new Response(status, JSON, bytes, Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain values always serialize", e);
        }
    }

    static Response error(int status, String message, Map<String, String> headers) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        m.put("status", status);
        Response r = json(status, m);
        return new Response(status, r.contentType(), r.body(), headers);
    }

    private static Response notAllowed(String allowed) {
        return error(405, "method not allowed; use " + allowed, Map.of("Allow", allowed));
    }
}
