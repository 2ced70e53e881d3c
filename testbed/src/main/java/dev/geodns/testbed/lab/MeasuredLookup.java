package dev.geodns.testbed.lab;

import java.util.List;

/**
 * One client's lookup played for real in the lab, beside what the model says of it.
 *
 * @param name the DNS name asked (without the final dot)
 * @param answer the addresses the client's resolver answered (empty when none)
 * @param dnsMs the DNS time {@code dig} measured through the client's resolver, or NaN
 * @param site the site whose front door answered the HTTP request (its {@code X-GeoDNS-Site}), or null
 * @param frontDoor the front door's own name for itself ({@code X-FEServer}, else {@code X-MSEdge-Ref}), or null
 * @param ttfbMs time to first byte after the name was resolved (connect, request, the front door's
 *     wait), the median of the tries, or NaN
 * @param appliedMs the delay the front door says it applied ({@code X-GeoDNS-Delay-Ms}), or NaN
 * @param modelSite the site the model's run reached, or null
 * @param modelRttMs the modelled round trip client -> site (through the office for a full tunnel), or NaN
 * @param modelPenaltyMs the modelled penalty against the client's local resolver, or NaN
 * @param error why the lookup or request failed, or null
 */
public record MeasuredLookup(String client, String lookup, String name, List<String> answer, double dnsMs,
        String site, String frontDoor, double ttfbMs, double appliedMs, String modelSite, double modelRttMs,
        double modelPenaltyMs, String error) {
    public MeasuredLookup {
        answer = List.copyOf(answer);
    }

    /** True when the front door that answered is the site the model reached. */
    public boolean siteAsModelled() {
        return site != null && site.equals(modelSite);
    }
}
