package dev.geodns.server.engine;

import dev.geodns.config.compiled.CompiledService;
import dev.geodns.config.compiled.CompiledWorld;
import dev.geodns.config.model.Place;
import dev.geodns.config.model.RoutingKind;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.SiteKind;
import dev.geodns.server.dns.Template;
import dev.geodns.server.geo.AskerAddress;
import dev.geodns.server.geo.ClientSubnet;
import dev.geodns.server.geo.Location;
import dev.geodns.server.routing.Router;
import dev.geodns.server.routing.RoutingDecision;
import io.netty.util.concurrent.FastThreadLocal;
import java.net.InetAddress;
import java.util.Arrays;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * The whoami name's TXT answer: what the server saw of the asker (the packet's source, the ECS
 * subnet, the place it located and by which source, the front door the nearest policy would
 * choose). The one answer built per query: into a per-thread buffer, without dnsjava, TTL 0, ECS
 * scope the located prefix. It allocates the answer's bytes and template, the routing decision and
 * the address and place texts (a few hundred bytes per query); every other answer stays kept.
 */
final class WhoAmIAnswer {
    /** TXT character-strings are at most 255 bytes (RFC 1035 3.3). */
    private static final int MAX_STRING = 255;

    private static final FastThreadLocal<Scratch> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected Scratch initialValue() {
            return new Scratch();
        }
    };

    /** One thread's buffers: the record being built and the text of one string. */
    private static final class Scratch {
        final byte[] wire = new byte[2048];
        final StringBuilder text = new StringBuilder(MAX_STRING);
        int length;
    }

    private final byte[] name;
    /** The service whose policy names the front door: the first {@code nearest} front-door service, or null. */
    private final Service probe;

    private WhoAmIAnswer(byte[] name, Service probe) {
        this.name = name;
        this.probe = probe;
    }

    /** The whoami answer of {@code compiled}, or null when its world has no whoami name. */
    static WhoAmIAnswer of(CompiledWorld compiled) {
        Name whoami = compiled.whoami();
        if (whoami == null) {
            return null;
        }
        Service probe = compiled.services().stream().map(CompiledService::service)
                .filter(s -> s.routing() == RoutingKind.NEAREST && s.siteKind() == SiteKind.FRONT_DOOR)
                .findFirst().orElse(null);
        return new WhoAmIAnswer(whoami.toWireCanonical(), probe);
    }

    /** Whether the lower-cased wire name {@code qname[0, length)} asked with {@code qtype} is ours to build. */
    boolean matches(byte[] qname, int length, int qtype) {
        return (qtype == Type.TXT || qtype == Type.ANY) && length == name.length
                && Arrays.equals(qname, 0, length, name, 0, length);
    }

    /** Builds the answer for this query and records its ECS scope in {@code c}. */
    Template answer(QueryContext c, Router router) {
        InetAddress source = c.sender().getAddress();
        ClientSubnet ecs = c.clientSubnet();
        AskerAddress asker;
        Location location;
        String frontDoor;
        if (probe != null) {
            RoutingDecision d = router.route(probe, null, source, ecs, true);
            asker = d.asker();
            location = d.location();
            frontDoor = d.site().code() + " (" + d.site().id() + ", nearest " + probe.id() + " front door)";
        } else {
            asker = AskerAddress.choose(source, ecs, true);
            location = router.locator().locate(asker.address());
            frontDoor = "none (no nearest front-door service)";
        }
        // the answer names what was located: it holds for the located network, like a routed answer
        int scope = asker.scopeFor(location, true);
        c.scoped(scope);
        Scratch s = SCRATCH.get();
        start(s);
        string(s, s.text.append("source=").append(source.getHostAddress()));
        if (c.proxy() != null) {
            // a trusted load balancer carried the source in a PROXY v2 header: name both
            string(s, s.text.append("proxy=").append(c.proxy().getAddress().getHostAddress()));
        }
        if (ecs == null) {
            string(s, s.text.append("ecs=none"));
        } else {
            string(s, s.text.append("ecs=").append(ecs.inetAddress().getHostAddress()).append('/')
                    .append(ecs.sourcePrefix()).append(" scope=").append(scope));
        }
        string(s, s.text.append("located=").append(asker.address().getHostAddress()).append(" from ")
                .append(asker.fromEcs() ? "ecs" : "source"));
        Place p = location.place();
        string(s, s.text.append("place=").append(p == null ? "unknown" : p.label() + " (" + p.continent() + ")"));
        string(s, s.text.append("by=").append(origin(location)).append(location.network() == null ? ""
                : " " + location.network()));
        string(s, s.text.append("front-door=").append(frontDoor));
        return finish(s);
    }

    private static String origin(Location l) {
        return switch (l.origin()) {
            case LAB_NETWORK -> "lab-plan";
            case GEOIP -> "geoip";
            case UNKNOWN -> "unknown";
        };
    }

    /** Writes the record's fixed part: owner (a pointer to the question name), type, class, TTL 0, RDLENGTH later. */
    private static void start(Scratch s) {
        byte[] w = s.wire;
        w[0] = (byte) 0xc0;
        w[1] = 12;
        w[2] = 0;
        w[3] = (byte) Type.TXT;
        w[4] = 0;
        w[5] = 1; // IN
        w[6] = 0;
        w[7] = 0;
        w[8] = 0;
        w[9] = 0; // TTL 0: the answer is the asker's own
        s.length = 12;
    }

    /** Appends the text in {@code s.text} as one character-string (ASCII; other characters as '?'), then clears it. */
    private static void string(Scratch s, StringBuilder text) {
        int n = Math.min(text.length(), MAX_STRING);
        if (s.length + 1 + n > s.wire.length) {
            n = Math.max(0, s.wire.length - s.length - 1);
        }
        s.wire[s.length++] = (byte) n;
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            s.wire[s.length++] = (byte) (ch < 0x80 ? ch : '?');
        }
        text.setLength(0);
    }

    private static Template finish(Scratch s) {
        int rdlength = s.length - 12;
        s.wire[10] = (byte) (rdlength >> 8);
        s.wire[11] = (byte) rdlength;
        return new Template(Arrays.copyOf(s.wire, s.length), 1, 0, 0, Rcode.NOERROR, true);
    }
}
