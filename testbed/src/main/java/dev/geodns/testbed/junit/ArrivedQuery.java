package dev.geodns.testbed.junit;

import java.net.InetSocketAddress;

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
}
