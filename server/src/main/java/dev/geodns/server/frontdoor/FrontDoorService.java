package dev.geodns.server.frontdoor;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geodns.config.model.Site;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What every front door does with a decoded request, apart from the network: find the site by the
 * address the request came to, decide what it is for, compute the delay, link the client's DNS
 * decision, pick the persona's answer, count it and log it. Thread-safe; runs on the event loop.
 */
final class FrontDoorService {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final CurrentWorld current;
    private final FrontDoorOptions options;
    private final FrontDoorMetrics metrics;
    private final RecentDecisions decisions;
    private final TunnelExits tunnels;

    FrontDoorService(CurrentWorld current, FrontDoorOptions options, FrontDoorMetrics metrics, RecentDecisions decisions) {
        this.current = current;
        this.options = options;
        this.tunnels = options.tunnels().isEmpty() ? TunnelExits.NONE : new TunnelExits(options.tunnels());
        this.metrics = metrics;
        this.decisions = decisions;
    }

    FrontDoorMetrics metrics() {
        return metrics;
    }

    FrontDoorOptions options() {
        return options;
    }

    /** A request in the terms of the network: what arrived where, from whom. */
    record Incoming(InetSocketAddress local, InetSocketAddress remote, String scheme, String protocol, String method,
            String host, String path, String anchorMailbox) {
    }

    /** The answer and the request it answers (null when no site answers from the address). */
    record Answer(FrontRequest request, Reply reply) {
        long delayNanos() {
            return request == null ? 0 : request.delay().appliedNanos();
        }
    }

    Answer answer(Incoming in) {
        FrontDoorWorld fw = current.world();
        Site site = fw.siteAt(in.local().getAddress(), in.remote().getAddress(), current.locator());
        if (site == null) {
            metrics.rejected(FrontDoorMetrics.Rejection.NO_SITE);
            return new Answer(null, Reply.error(421, "421 Misdirected Request: no site of the served world answers from "
                    + in.local().getAddress().getHostAddress() + " (was the world reloaded?)"));
        }
        RequestTarget target = RequestTarget.resolve(fw, site, in.host(), in.path(), in.anchorMailbox(),
                options.defaultTenant());
        PathDelay delay = PathDelay.compute(fw.model(), current.locator(), in.remote().getAddress(), site,
                target.mailbox(), fw.standIn(site.cloud()), tunnels.clientBehind(in.remote().getAddress()),
                options.jitterMs(), options.lossRate());
        RecentDecisions.Found decision = decisions.link(in.remote().getAddress(), site.id(), System.nanoTime());
        FrontRequest r = new FrontRequest(site, in.local(), in.remote(), in.scheme(), in.protocol(), in.method(),
                ServiceNames.normalise(in.host()), in.path(), target, delay, decision, fw.model(),
                UUID.randomUUID().toString());
        boolean whoami = in.path().equals(WhoAmI.PATH) || in.path().equals(WhoAmI.PATH + "/");
        Reply reply = whoami ? WhoAmI.reply(r) : switch (target.persona()) {
            case EXCHANGE -> ExchangeReply.reply(r);
            case SHAREPOINT -> SharePointReply.reply(r);
            default -> SitePage.reply(r);
        };
        metrics.request(site.id(), whoami ? Persona.WHOAMI.tag() : target.persona().tag(), decision.link(),
                Duration.ofNanos(delay.appliedNanos()));
        if (options.requestLog() != null) {
            options.requestLog().accept(logLine(r, reply));
        }
        return new Answer(r, reply);
    }

    /** One JSON line per answered request, naming the DNS decision it followed when there is one. */
    private static String logLine(FrontRequest r, Reply reply) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ts", java.time.Instant.now().toString());
        m.put("site", r.site().id());
        m.put("client", r.remote().getAddress().getHostAddress());
        m.put("scheme", r.scheme());
        m.put("method", r.method());
        m.put("host", r.host());
        m.put("path", r.path());
        m.put("status", reply.status());
        m.put("persona", r.target().persona().tag());
        m.put("delayMs", Math.round(r.delay().appliedMs() * 10) / 10.0);
        if (r.delay().tunnelFrom() != null) {
            m.put("tunnel", r.delay().tunnelFrom().label() + " -> " + r.delay().client().label());
            m.put("tunnelMs", Math.round(r.delay().tunnelMs() * 10) / 10.0);
        }
        m.put("dnsDecision", r.decision().link().tag());
        RecentDecisions.Decision d = r.decision().decision();
        if (d != null) {
            m.put("dnsName", d.name());
            m.put("dnsSite", d.siteId());
        }
        m.put("requestId", r.requestId());
        try {
            return MAPPER.writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "{\"error\":\"" + e.getMessage().toLowerCase(Locale.ROOT).replace('"', '\'') + "\"}";
        }
    }
}
