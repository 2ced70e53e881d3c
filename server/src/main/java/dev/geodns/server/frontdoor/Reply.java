package dev.geodns.server.frontdoor;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An answer before it is written: status, content type, body and headers (in order). The headers
 * every front door sends on every answer are added here, in one place.
 */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String HTML = "text/html; charset=utf-8";
    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    static Reply of(int status, String contentType, String body, FrontRequest request) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("request-id", request.requestId());
        h.put("X-GeoDNS-Site", request.siteLabel());
        h.put("X-GeoDNS-Client-Place", request.clientPlace());
        h.put("X-GeoDNS-Delay-Ms", String.format(Locale.ROOT, "%.1f", request.delay().appliedMs()));
        if (request.delay().tunnelFrom() != null) {
            h.put("X-GeoDNS-Tunnel", String.format(Locale.ROOT, "%s -> %s, %.1f ms",
                    request.delay().tunnelFrom().label(), request.delay().client().label(), request.delay().tunnelMs()));
        }
        h.put("X-GeoDNS-DNS-Decision", request.decision().link().tag());
        h.put("Cache-Control", "no-store");
        return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8), h);
    }

    /** A plain error with no request context (malformed or refused input). */
    static Reply error(int status, String message) {
        return new Reply(status, TEXT, (message + "\n").getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
    }

    Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Text for HTML bodies: the five special characters escaped. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
