package dev.geodns.testbed.junit;

import dev.geodns.server.engine.AnsweredQuery;
import dev.geodns.server.engine.QueryEvent;
import dev.geodns.server.routing.RoutingDecision;
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
 * @param decision the routing decision (site, policy, located place, ECS scope), or null when the
 *     answer needed no routing
 * @param fault the tag of the fault a rule applied ({@code servfail}, {@code truncate}, {@code delay},
 *     ...; dropped queries are not answered, so not listed), or null
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
        boolean truncated,
        Decision decision,
        String fault) {

    /**
     * The routing decision the server took for a query.
     *
     * @param site the chosen site's id
     * @param policy the service's policy ({@code nearest}, {@code active}, {@code fixed})
     * @param service the service routed
     * @param located the address located: the ECS address or the packet's source
     * @param locatedBy {@code ecs} or {@code source-address}
     * @param place where that address was placed ({@code Frankfurt, DE}), or null when nowhere
     * @param defaultUsed whether the place was unknown and the cloud's default site stood in
     * @param ecsScope the ECS scope prefix length the decision gives
     */
    public record Decision(String site, String policy, String service, String located, String locatedBy,
            String place, boolean defaultUsed, int ecsScope) {

        static Decision of(RoutingDecision d) {
            return new Decision(d.site().id(), d.policy(), d.service().id(),
                    d.asker().address().getHostAddress(), d.asker().fromEcs() ? "ecs" : "source-address",
                    d.location().place() == null ? null : d.location().place().label(), d.defaultUsed(),
                    d.ecsScope());
        }
    }

    /** The query as the server's observer saw it (the view for the fault, the event for the rest). */
    static ArrivedQuery of(AnsweredQuery view) {
        QueryEvent e = view.event();
        RoutingDecision d = e.decision();
        return new ArrivedQuery(e.name(), Type.string(e.qtype()), e.transport().name(), e.sender(),
                e.ecs() == null ? null : e.ecs().inetAddress().getHostAddress() + "/" + e.ecs().sourcePrefix(),
                Rcode.string(e.rcode()), d == null ? null : d.site().id(), d == null ? -1 : d.ecsScope(),
                e.truncated(), d == null ? null : Decision.of(d), view.fault() == null ? null : view.fault().tag());
    }
}
