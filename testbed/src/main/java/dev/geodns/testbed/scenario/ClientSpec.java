package dev.geodns.testbed.scenario;

import java.net.InetAddress;
import java.util.List;

/**
 * A client computer of the scenario.
 *
 * @param address the client's own address (lab plan); what {@code client-N} ECS is made of
 * @param resolver the id of the resolver it uses
 * @param localResolver the id of the resolver it would use without VPN (the penalty baseline); null =
 *     a resolver standing at the client's own address
 * @param tenant the tenant the user belongs to, or null
 */
public record ClientSpec(
        String id,
        Where place,
        InetAddress address,
        String resolver,
        String localResolver,
        String tenant,
        List<Lookup> lookups) {
    public ClientSpec {
        lookups = List.copyOf(lookups);
    }
}
