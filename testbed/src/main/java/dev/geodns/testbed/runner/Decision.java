package dev.geodns.testbed.runner;

import dev.geodns.server.routing.RoutingDecision;
import java.util.List;
import java.util.Locale;

/**
 * The server's routing decision for one query a step sent, as the emulator's query observer saw it:
 * which site answers and why. Null on steps the emulator did not route (cache hits, names without
 * routing, a server not started by the testbed).
 *
 * @param policy {@code nearest}, {@code active} or {@code fixed}
 * @param tenant the name's tenant, or null
 * @param located the address the server located
 * @param locatedBy why that address: {@code ecs}, {@code no-ecs}, {@code ecs-opt-out} or {@code ecs-not-honoured}
 * @param place where the address was placed (the place's label), or null when nowhere
 * @param origin which source placed it ({@code lab-network}, {@code geoip}, {@code unknown}, ...)
 * @param ecsScope the SCOPE PREFIX-LENGTH the decision gives the reply
 * @param defaultUsed true when the asker could not be placed and the cloud's default site stood in
 * @param drainedSkipped the drained sites passed over, in preference order
 */
public record Decision(String site, String policy, String service, String tenant, String located, String locatedBy,
        String place, String origin, int ecsScope, boolean defaultUsed, List<String> drainedSkipped) {
    public Decision {
        drainedSkipped = List.copyOf(drainedSkipped);
    }

    /** The testbed's copy of the server's decision. */
    public static Decision of(RoutingDecision d) {
        return new Decision(d.site().id(), d.policy(), d.service().id(), d.tenant() == null ? null : d.tenant().id(),
                d.asker().address().getHostAddress(), d.asker().reason().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                d.location().place() == null ? null : d.location().place().label(),
                d.location().origin().name().toLowerCase(Locale.ROOT).replace('_', '-'), d.ecsScope(), d.defaultUsed(),
                d.drainedSkipped());
    }

    /** {@code fra: nearest from Frankfurt (lab-network, by no-ecs 127.0.6.53), scope /0, skipped drained fra}. */
    public String describe() {
        return site + ": " + brief() + " (" + origin + ", by " + locatedBy + " " + located + "), scope /" + ecsScope
                + (drainedSkipped.isEmpty() ? "" : ", skipped drained " + String.join(", ", drainedSkipped));
    }

    /** {@code nearest from Frankfurt}, {@code nearest from default site}: the table's short form. */
    public String brief() {
        return policy + " from " + (defaultUsed ? "default site" : place == null ? "nowhere" : place);
    }
}
