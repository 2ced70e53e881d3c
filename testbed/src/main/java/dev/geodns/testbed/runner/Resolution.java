package dev.geodns.testbed.runner;

import java.net.InetAddress;
import java.util.List;

/**
 * What a client got for one name: the addresses at the end of the CNAME chain, or why there are
 * none, and every step taken.
 *
 * @param error null on success, else e.g. {@code NXDOMAIN from the server} or {@code timeout}
 */
public record Resolution(List<InetAddress> addresses, List<Step> steps, String error) {
    public Resolution {
        addresses = List.copyOf(addresses);
        steps = List.copyOf(steps);
    }

    public boolean ok() {
        return error == null && !addresses.isEmpty();
    }

    /** True when no packet was sent: the whole chain came from the cache. */
    public boolean fullyCached() {
        return !steps.isEmpty() && steps.stream().allMatch(Step::fromCache);
    }
}
