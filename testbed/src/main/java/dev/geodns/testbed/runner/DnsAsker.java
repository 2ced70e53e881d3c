package dev.geodns.testbed.runner;

import dev.geodns.config.model.Cidr;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;

/**
 * Sends one query to the server the way a recursive resolver does: from a given source address
 * (bound on loopback, so the server locates it by the lab plan), with RD clear, EDNS(0), and the ECS
 * option when asked (RFC 7871). dnsjava falls back to TCP on a truncated reply. Thread-safe.
 */
final class DnsAsker {
    /** EDNS(0) payload size advertised, the DNS flag day 2020 default. */
    static final int PAYLOAD_SIZE = 1232;

    private final InetSocketAddress server;
    private final Duration timeout;

    DnsAsker(InetSocketAddress server, Duration timeout) {
        this.server = server;
        this.timeout = timeout;
    }

    /** The reply and the ECS scope it carried (null when it had no ECS option). */
    record Reply(Message message, Integer ecsScope) {
    }

    Reply ask(InetAddress source, Name name, int type, Cidr ecs) throws IOException {
        SimpleResolver r = new SimpleResolver(server);
        r.setLocalAddress(new InetSocketAddress(source, 0));
        r.setTimeout(timeout);
        List<EDNSOption> options = ecs == null ? List.of()
                : List.of(new ClientSubnetOption(ecs.prefixLength(), ecs.networkAddress()));
        r.setEDNS(0, PAYLOAD_SIZE, 0, options);
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        query.getHeader().unsetFlag(Flags.RD);
        Message reply = r.send(query);
        return new Reply(reply, scopeOf(reply));
    }

    private static Integer scopeOf(Message reply) {
        OPTRecord opt = reply.getOPT();
        if (opt == null) {
            return null;
        }
        for (EDNSOption o : opt.getOptions(EDNSOption.Code.CLIENT_SUBNET)) {
            if (o instanceof ClientSubnetOption cs) {
                return cs.getScopePrefixLength();
            }
        }
        return null;
    }
}
