package dev.geodns.server.decisionlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.geodns.server.engine.QueryEvent;
import dev.geodns.server.geo.ClientSubnet;
import dev.geodns.server.geo.Location;
import dev.geodns.server.routing.RoutingDecision;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Formats one {@link DecisionRecord} as one line of JSON, following the schema documented in
 * {@code server/README.md} ("Decision log"): every key is always present, null when it does not
 * apply. Runs on the writer thread only.
 */
final class DecisionJson {
    private static final JsonFactory JSON = new JsonFactory();
    /** ISO-8601 UTC, always with milliseconds (Instant.toString drops them when zero). */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private DecisionJson() {
    }

    /** The record as a JSON object, without a line break. */
    static String format(DecisionRecord r) {
        QueryEvent e = r.event();
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", TIME.format(Instant.ofEpochMilli(r.epochMillis())));
            g.writeStringField("transport", e.transport().name().toLowerCase(Locale.ROOT));
            g.writeStringField("source", e.sender().getAddress().getHostAddress());
            g.writeNumberField("port", e.sender().getPort());
            writeNullable(g, "proxy", e.proxy() == null ? null : e.proxy().getAddress().getHostAddress());
            ClientSubnet ecs = e.ecs();
            if (ecs == null) {
                g.writeNullField("ecs");
                g.writeNullField("ecsScope");
            } else {
                g.writeStringField("ecs", ecs.inetAddress().getHostAddress() + "/" + ecs.sourcePrefix());
                g.writeNumberField("ecsScope", e.ecsScope());
            }
            g.writeStringField("name", e.name());
            g.writeStringField("type", Type.string(e.qtype()));

            RoutingDecision d = e.decision();
            Location location = d == null ? null : d.location();
            writeNullable(g, "located", d == null ? null : d.asker().fromEcs() ? "ecs" : "source");
            writeNullable(g, "address", d == null ? null : d.asker().address().getHostAddress());
            writeNullable(g, "place", location == null || location.place() == null ? null : location.place().label());
            writeNullable(g, "origin", location == null ? null
                    : location.origin().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            writeNullable(g, "network", location == null ? null : location.network());
            writeNullable(g, "service", d == null ? null : d.service().id());
            writeNullable(g, "tenant", d == null || d.tenant() == null ? null : d.tenant().id());
            writeNullable(g, "policy", d == null ? null : d.policy());
            writeNullable(g, "site", d == null ? null : d.site().id());
            if (d == null) {
                g.writeNullField("defaultUsed");
            } else {
                g.writeBooleanField("defaultUsed", d.defaultUsed());
            }
            g.writeArrayFieldStart("drainedSkipped");
            if (d != null) {
                for (String id : d.drainedSkipped()) {
                    g.writeString(id);
                }
            }
            g.writeEndArray();

            String rcode = Rcode.string(e.rcode());
            g.writeStringField("rcode", rcode);
            g.writeBooleanField("truncated", e.truncated());
            g.writeStringField("answer", rcode + (d == null ? "" : " " + d.site().id()) + (e.truncated() ? " TC" : ""));
            g.writeNumberField("latencyUs", Math.round(e.nanos() / 100.0) / 10.0);
            g.writeEndObject();
        } catch (IOException ex) {
            throw new IllegalStateException("writing JSON to a string", ex);
        }
        return out.toString();
    }

    private static void writeNullable(JsonGenerator g, String key, String value) throws IOException {
        if (value == null) {
            g.writeNullField(key);
        } else {
            g.writeStringField(key, value);
        }
    }
}
