package dev.geodns.testbed.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * What the scenario expects of one client's lookup; every check given must hold.
 *
 * @param round the round it applies to, or null for every round
 * @param sites the site reached must be one of these (empty = not checked)
 * @param notSites the site reached must be none of these
 * @param continent the continent of the site reached, or null
 * @param cloud the cloud of the site reached, or null
 * @param penaltyMs bounds on the penalty against the local resolver, or null
 * @param rttMs bounds on the modelled round trip, or null
 * @param distanceKm bounds on the distance client -> site, or null
 * @param line the line of the expectation in its file
 * @param software the resolver software whose results it checks ({@link SoftwareScope#ALL} by default)
 */
public record Expectation(
        String client,
        String lookup,
        Integer round,
        List<String> sites,
        List<String> notSites,
        String continent,
        String cloud,
        Range penaltyMs,
        Range rttMs,
        Range distanceKm,
        int line,
        SoftwareScope software) {
    public Expectation {
        sites = List.copyOf(sites);
        notSites = List.copyOf(notSites);
        software = software == null ? SoftwareScope.ALL : software;
    }

    /** An expectation for every software. */
    public Expectation(String client, String lookup, Integer round, List<String> sites, List<String> notSites,
            String continent, String cloud, Range penaltyMs, Range rttMs, Range distanceKm, int line) {
        this(client, lookup, round, sites, notSites, continent, cloud, penaltyMs, rttMs, distanceKm, line,
                SoftwareScope.ALL);
    }

    /**
     * One line, e.g. {@code traveller exchange (every round): site in [ams, fra]; penalty <= 5 ms} or
     * {@code cached exchange (round 1, dnsmasq only): site hhn}.
     */
    public String describe() {
        List<String> checks = new ArrayList<>();
        if (!sites.isEmpty()) {
            checks.add(sites.size() == 1 ? "site " + sites.get(0) : "site one of " + sites);
        }
        if (!notSites.isEmpty()) {
            checks.add("site not " + (notSites.size() == 1 ? notSites.get(0) : "one of " + notSites));
        }
        if (continent != null) {
            checks.add("continent " + continent);
        }
        if (cloud != null) {
            checks.add("cloud " + cloud);
        }
        if (penaltyMs != null) {
            checks.add("penalty " + penaltyMs.describe() + " ms");
        }
        if (rttMs != null) {
            checks.add("rtt " + rttMs.describe() + " ms");
        }
        if (distanceKm != null) {
            checks.add("distance " + distanceKm.describe() + " km");
        }
        return client + " " + lookup + " (" + (round == null ? "every round" : "round " + round)
                + (software.all() ? "" : ", " + software.describe()) + "): " + String.join("; ", checks);
    }
}
