package dev.geodns.testbed.resolvers;

import dev.geodns.server.engine.AnsweredQuery;
import dev.geodns.server.engine.QueryEvent;
import dev.geodns.server.engine.QueryObserver;
import dev.geodns.server.engine.Transport;
import dev.geodns.server.geo.ClientSubnet;
import dev.geodns.server.routing.RoutingDecision;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Type;

/**
 * Every query the emulator answered, as it saw it: who sent it, the name, the ECS it carried and the
 * scope returned, the site chosen. Give it to {@code GeoDnsServer.builder().observer(...)}; it tells
 * whether a client's answer came from a resolver's cache (no query reached the emulator meanwhile).
 * Thread-safe; appending is cheap enough for tests and lab runs (not for load tests).
 */
public final class EmulatorQueryLog implements QueryObserver {
    /**
     * One query the emulator answered.
     *
     * @param seq position in the log, from 0
     * @param name the question name, lower case with the final dot (the emulator matches case-insensitively)
     * @param ecs the ECS received as {@code address/source-prefix}, or null
     * @param ecsScope the SCOPE PREFIX-LENGTH returned when ECS was received, else null
     * @param site the id of the site that answered a routed name, else null
     * @param decision the server's routing decision (immutable), or null when the name needed no routing
     */
    public record Entry(int seq, Instant at, Transport transport, InetSocketAddress sender, String name, int qtype,
            String ecs, Integer ecsScope, String site, int rcode, RoutingDecision decision) {

        /** {@code 127.0.2.53 outlook.office365.com. A ecs 127.0.6.0/24 scope 24 -> fra}. */
        @Override
        public String toString() {
            return sender.getAddress().getHostAddress() + " " + name + " " + Type.string(qtype)
                    + (ecs == null ? "" : " ecs " + ecs + " scope " + ecsScope) + (site == null ? "" : " -> " + site);
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    @Override
    public void answered(AnsweredQuery query) {
        QueryEvent e = query.event();
        ClientSubnet cs = e.ecs();
        String ecs = cs == null ? null : cs.inetAddress().getHostAddress() + "/" + cs.sourcePrefix();
        Integer scope = cs == null ? null : e.ecsScope();
        String site = e.decision() == null ? null : e.decision().site().id();
        synchronized (entries) {
            entries.add(new Entry(entries.size(), Instant.now(), e.transport(), e.sender(), e.name(), e.qtype(), ecs,
                    scope, site, e.rcode(), e.decision()));
        }
    }

    /** How many queries were logged so far: a mark for {@link #since(int)}. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** The queries logged from position {@code mark} on. */
    public List<Entry> since(int mark) {
        synchronized (entries) {
            return List.copyOf(entries.subList(Math.min(mark, entries.size()), entries.size()));
        }
    }

    public List<Entry> all() {
        return since(0);
    }

    /** The queries sent from {@code source}, e.g. a resolver's pinned address. */
    public List<Entry> from(InetAddress source) {
        return all().stream().filter(e -> e.sender().getAddress().equals(source)).toList();
    }

    /** How many times {@code name} (any case, with or without the final dot) was asked, of any type. */
    public long count(String name) {
        String n = StubAnswer.norm(name);
        return all().stream().filter(e -> e.name().equals(n)).count();
    }
}
