package dev.geodns.testbed.junit;

import dev.geodns.server.engine.QueryEvent;
import java.net.InetSocketAddress;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * A query the server answered during a {@link GeoDnsTest}, as {@link GeoDnsLab#queries()} lists it.
 *
 * @param name the question name, lower case, absolute ({@code outlook.office365.com.})
 * @param type the question type's mnemonic ({@code A}, {@code AAAA}, ...)
 * @param transport {@code UDP} or {@code TCP}
 * @param sender where the query came from
 * @param ecs the ECS option as {@code address/source-prefix}, or null when none was sent
 * @param rcode the reply's rcode mnemonic ({@code NOERROR}, {@code NXDOMAIN}, {@code REFUSED} ...)
 * @param site the id of the site the routing chose, or null when the answer needed no routing
 * @param ecsScope the ECS scope prefix length of the reply, or -1 when the answer needed no routing
 * @param truncated whether the reply was truncated (TC set)
 */
public record ArrivedQuery(
        String name,
        String type,
        String transport,
        InetSocketAddress sender,
        String ecs,
        String rcode,
        String site,
        int ecsScope,
        boolean truncated) {

    /** The query as the server's observer saw it. */
    static ArrivedQuery of(QueryEvent e) {
        return new ArrivedQuery(e.name(), Type.string(e.qtype()), e.transport().name(), e.sender(),
                e.ecs() == null ? null : e.ecs().inetAddress().getHostAddress() + "/" + e.ecs().sourcePrefix(),
                Rcode.string(e.rcode()), e.decision() == null ? null : e.decision().site().id(),
                e.decision() == null ? -1 : e.decision().ecsScope(), e.truncated());
    }
}
