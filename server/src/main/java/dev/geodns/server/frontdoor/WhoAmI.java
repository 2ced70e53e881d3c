package dev.geodns.server.frontdoor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geodns.config.latency.Leg;
import dev.geodns.config.latency.Point;
import dev.geodns.config.model.Site;
import dev.geodns.server.geo.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /geodns/whoami} on every front door: the site, the client address seen, where it was
 * located and by which source (and, for a VPN tunnel's exit, the client's place behind it), what the
 * request was taken to be for, and the delay applied with the legs and formula it came from, as JSON.
 */
final class WhoAmI {
    static final String PATH = "/geodns/whoami";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WhoAmI() {
    }

    static Reply reply(FrontRequest r) {
        Reply reply = Reply.of(200, Reply.JSON, json(document(r)), r);
        if (r.target().persona() == Persona.EXCHANGE) {
            reply.header("X-FEServer", ExchangeReply.feServer(r.site()));
            if (r.target().mailbox() != null) {
                reply.header("X-BEServer", ExchangeReply.beServer(r.target().mailbox()));
            }
        }
        return reply;
    }

    static Map<String, Object> document(FrontRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("site", site(r.site()));
        m.put("listener", Hosts.format(r.local()));
        m.put("scheme", r.scheme());
        m.put("protocol", r.protocol());
        m.put("host", r.host());
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("address", r.remote().getAddress().getHostAddress());
        client.put("port", r.remote().getPort());
        m.put("client", client);
        m.put("located", located(r));
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("service", r.target().service() == null ? null : r.target().service().id());
        target.put("persona", r.target().persona().tag());
        target.put("tenant", r.target().tenant() == null ? null : r.target().tenant().id());
        target.put("tenantFrom", r.target().tenantSource());
        target.put("mailboxSite", r.target().mailbox() == null ? null : r.target().mailbox().id());
        m.put("request", target);
        m.put("delay", delay(r));
        m.put("dnsDecision", decision(r));
        m.put("requestId", r.requestId());
        return m;
    }

    private static Map<String, Object> site(Site s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("kind", s.kind().yamlName());
        m.put("code", s.code());
        m.put("cloud", s.cloud());
        m.put("place", s.place().label());
        m.put("latitude", s.place().latitude());
        m.put("longitude", s.place().longitude());
        return m;
    }

    private static Map<String, Object> located(FrontRequest r) {
        Location loc = r.delay().location();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", r.origin());
        m.put("network", loc.network());
        m.put("precision", loc.precision().name().toLowerCase(java.util.Locale.ROOT));
        m.put("approximate", loc.approximate());
        m.put("place", loc.known() ? loc.place().label() : null);
        m.put("standIn", r.delay().standIn() == null ? null : r.delay().standIn().id());
        Point p = r.delay().client();
        m.put("latitude", p.latitude());
        m.put("longitude", p.longitude());
        m.put("tunnel", tunnel(r.delay()));
        return m;
    }

    /** The VPN tunnel the request came through, or null: the client's place behind it and the leg's cost. */
    private static Map<String, Object> tunnel(PathDelay d) {
        if (d.tunnelFrom() == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clientPlace", d.tunnelFrom().label());
        m.put("latitude", d.tunnelFrom().latitude());
        m.put("longitude", d.tunnelFrom().longitude());
        m.put("exit", d.client().label());
        m.put("rttMs", round(d.tunnelMs()));
        return m;
    }

    private static Map<String, Object> delay(FrontRequest r) {
        PathDelay d = r.delay();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("appliedMs", round(d.appliedMs()));
        m.put("modelMs", round(d.modelMs()));
        m.put("jitterMs", round(d.jitterMs()));
        m.put("lossMs", round(d.lossMs()));
        List<Object> legs = new ArrayList<>();
        for (Leg l : d.legs()) {
            Map<String, Object> leg = new LinkedHashMap<>();
            leg.put("kind", l.kind().label());
            leg.put("from", l.from().label());
            leg.put("to", l.to().label());
            leg.put("distanceKm", round(l.distanceKm()));
            leg.put("stretch", l.stretch());
            leg.put("rttMs", round(l.rttMs()));
            legs.add(leg);
        }
        m.put("legs", legs);
        m.put("formula", r.model().formula());
        m.put("appliedBy", "user space: the answer is scheduled on the event loop after the delay (no kernel shaping)");
        return m;
    }

    private static Map<String, Object> decision(FrontRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("link", r.decision().link().tag());
        RecentDecisions.Decision d = r.decision().decision();
        if (d != null) {
            m.put("name", d.name());
            m.put("site", d.siteId());
            m.put("secondsBefore", round((System.nanoTime() - d.nanos()) / 1e9));
        }
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain values always serialize", e);
        }
    }
}
