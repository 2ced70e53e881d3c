package dev.geodns.testbed.runner;


import dev.geodns.config.latency.Leg;
import dev.geodns.testbed.scenario.BuiltInScenarios;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every built-in scenario runs against the in-process server and shows what it claims to show.
 * Each scenario runs once; the tests share its result.
 */
class BuiltInScenarioTest {
    /** The penalty bound this suite states for a VPN shift of Exchange (Berlin via Seattle). */
    static final double VPN_SHIFT_EXCHANGE_PENALTY_MS = 40;
    /** ... and for the portal, which has no backbone leg to soften it. */
    static final double VPN_SHIFT_PORTAL_PENALTY_MS = 100;

    private static final Map<String, RunResult> RUNS = new ConcurrentHashMap<>();

    static RunResult run(String name) {
        return RUNS.computeIfAbsent(name, n -> {
            try {
                return new ScenarioRunner(BuiltInScenarios.load(n)).run();
            } catch (Exception e) {
                throw new AssertionError("scenario " + n + " did not run", e);
            }
        });
    }

    static LookupResult result(String scenario, String client, String lookup) {
        return run(scenario).result(client, lookup).orElseThrow();
    }

    @Test
    void everyBuiltInPassesItsOwnExpectations() {
        for (String name : BuiltInScenarios.NAMES) {
            RunResult r = run(name);
            // expectations stated for other resolver software (software: [dnsmasq]) are not checked here
            assertThat(r.expectations()).as(name).filteredOn(e -> e.expectation().software().covers("emulated"))
                    .allSatisfy(e -> assertThat(e.passed()).as(e.expectation().describe() + " " + e.failures()).isTrue());
            assertThat(r.expectations()).as(name).filteredOn(e -> !e.expectation().software().covers("emulated"))
                    .allSatisfy(e -> assertThat(e.status()).isEqualTo(ExpectationResult.Status.NOT_APPLICABLE));
            assertThat(r.results()).as(name + ": every lookup reaches a site").allSatisfy(l -> assertThat(l.ok()).isTrue());
        }
    }

    @Test
    void travellerInEuropeGetsEuropeanFrontDoorsWhileTheMailboxStaysInNorthAmerica() {
        LookupResult exchange = result("nearest-datacenter", "traveller", "exchange");
        assertThat(exchange.site().id()).isEqualTo("cdg");
        assertThat(exchange.site().place().continent().name()).isEqualTo("EU");
        Leg backbone = exchange.legs().get(exchange.legs().size() - 1);
        assertThat(backbone.kind()).isEqualTo(Leg.Kind.BACKBONE);
        assertThat(backbone.to().label()).isEqualTo("Des Moines, US");
        assertThat(backbone.distanceKm()).isGreaterThan(6000);
        LookupResult portal = result("nearest-datacenter", "traveller", "portal");
        assertThat(portal.site().place().continent().name()).isEqualTo("EU");
        assertThat(portal.legs()).extracting(Leg::kind).containsExactly(Leg.Kind.ACCESS);
        // the geo step's ECS-less answer is located by the Paris resolver: scope 0 is never asked for
        assertThat(result("nearest-datacenter", "at-home", "exchange").site().place().continent().name())
                .isEqualTo("NA");
    }

    @Test
    void sovereignTenantReachesOnlyChinaSitesFromAnywhere() {
        for (String client : new String[] {"shanghai-user", "frankfurt-user", "seattle-user"}) {
            assertThat(result("sovereign-cloud", client, "exchange-china").site().cloud()).isEqualTo("china");
            assertThat(result("sovereign-cloud", client, "sharepoint-china").site().id()).isEqualTo("cn-beijing");
        }
        assertThat(result("sovereign-cloud", "frankfurt-user", "exchange").site().id()).isEqualTo("fra");
    }

    @Test
    void sharePointGoesToTheTenantsHomeFromEveryContinent() {
        RunResult r = run("active-datacenter");
        assertThat(r.results().stream().filter(l -> l.lookup().text().equals("sharepoint:contoso")))
                .hasSize(6).allSatisfy(l -> assertThat(l.site().id()).isEqualTo("us-boydton"));
        assertThat(r.results().stream().filter(l -> l.lookup().text().equals("sharepoint:fabrikam")))
                .hasSize(6).allSatisfy(l -> assertThat(l.site().id()).isEqualTo("nl-amsterdam"));
        // while the portal stays on the client's own continent
        assertThat(r.results().stream().filter(l -> l.lookup().text().equals("portal")))
                .allSatisfy(l -> assertThat(l.site().place().continent().name()).isEqualTo(l.client().place().continent()));
    }

    @Test
    void vpnResolverInSeattleShiftsABerlinClientToNorthAmerica() {
        LookupResult home = result("vpn-shift", "berlin-home", "exchange");
        LookupResult split = result("vpn-shift", "berlin-split", "exchange");
        LookupResult full = result("vpn-shift", "berlin-full", "exchange");
        assertThat(home.site().place().continent().name()).isEqualTo("EU");
        assertThat(split.site().place().continent().name()).isEqualTo("NA");
        assertThat(full.site().place().continent().name()).isEqualTo("NA");
        assertThat(split.baseline().site().id()).isEqualTo(home.site().id());
        assertThat(split.penaltyMs()).isGreaterThan(VPN_SHIFT_EXCHANGE_PENALTY_MS);
        assertThat(full.penaltyMs()).isGreaterThan(VPN_SHIFT_EXCHANGE_PENALTY_MS);
        assertThat(result("vpn-shift", "berlin-split", "portal").penaltyMs()).isGreaterThan(VPN_SHIFT_PORTAL_PENALTY_MS);
        // split: straight from Berlin; full: through the Seattle office first
        assertThat(split.legs()).extracting(Leg::kind).containsExactly(Leg.Kind.ACCESS, Leg.Kind.BACKBONE);
        assertThat(full.legs()).extracting(Leg::kind).containsExactly(Leg.Kind.TUNNEL, Leg.Kind.ACCESS, Leg.Kind.BACKBONE);
        assertThat(full.legs().get(0).to().label()).isEqualTo("Seattle, US");
        // the server saw the Seattle resolver's address, nothing of Berlin
        assertThat(split.resolution().steps()).allSatisfy(s -> {
            assertThat(s.source()).startsWith("127.0.2.");
            assertThat(s.ecsSent()).isNull();
        });
        // SharePoint does not move: it follows the tenant, not the resolver
        assertThat(result("vpn-shift", "berlin-split", "sharepoint").site().id()).isEqualTo("us-boydton");
        assertThat(result("vpn-shift", "berlin-split", "sharepoint").penaltyMs()).isZero();
    }

    @Test
    void ecsWithTheClientsSubnetUndoesTheShiftButTheTunnelAddressCannot() {
        // sign-in honours ECS in the built-in world (Exchange and the portal are located by the resolver only)
        LookupResult client = result("vpn-ecs", "client-ecs", "signin");
        assertThat(client.site().place().continent().name()).isEqualTo("EU");
        assertThat(client.penaltyMs()).isLessThanOrEqualTo(1);
        Step geo = client.resolution().steps().get(0);
        assertThat(geo.ecsSent()).isEqualTo("127.0.6.0/24");
        assertThat(geo.ecsScope()).isEqualTo(24);
        LookupResult resolverOnly = result("vpn-ecs", "client-ecs", "exchange");
        assertThat(resolverOnly.site().place().continent().name()).isEqualTo("NA");
        assertThat(resolverOnly.resolution().steps().get(0).ecsSent()).isEqualTo("127.0.6.0/24");
        assertThat(resolverOnly.resolution().steps().get(0).ecsScope()).isZero();
        assertThat(resolverOnly.penaltyMs()).isGreaterThan(VPN_SHIFT_EXCHANGE_PENALTY_MS);

        LookupResult tunnel = result("vpn-ecs", "tunnel-ecs", "exchange");
        assertThat(tunnel.site().place().continent().name()).isEqualTo("NA");
        assertThat(tunnel.resolution().steps().get(0).ecsSent()).isEqualTo("127.0.2.0/24");
        assertThat(tunnel.penaltyMs()).isGreaterThan(VPN_SHIFT_EXCHANGE_PENALTY_MS);
        LookupResult tunnelSignIn = result("vpn-ecs", "tunnel-ecs", "signin");
        assertThat(tunnelSignIn.site().place().continent().name()).isEqualTo("NA");
        assertThat(tunnelSignIn.resolution().steps().get(0).ecsSent()).isEqualTo("127.0.2.0/24");
        assertThat(tunnelSignIn.resolution().steps().get(0).ecsScope()).isEqualTo(24);

        // a European answer does not help when the packets go through Seattle anyway
        LookupResult full = result("vpn-ecs", "full-tunnel-client-ecs", "signin");
        assertThat(full.site().place().continent().name()).isEqualTo("EU");
        assertThat(full.penaltyMs()).isGreaterThan(200);
    }

    @Test
    void teamsAnycastDoesNotMoveWithTheResolverAndOnlyAFullTunnelDragsItToTheOffice() {
        LookupResult home = result("teams-vpn", "berlin-home", "teams");
        LookupResult split = result("teams-vpn", "berlin-split", "teams");
        LookupResult full = result("teams-vpn", "berlin-full", "teams");
        LookupResult sydney = result("teams-vpn", "sydney-home", "teams");
        // one answer for everyone: the same final addresses through every resolver
        assertThat(split.resolution().addresses()).isEqualTo(home.resolution().addresses())
                .isEqualTo(full.resolution().addresses()).isEqualTo(sydney.resolution().addresses());
        // the edge is where the packets enter: Berlin (split: Teams is Optimize, direct), Seattle (full)
        assertThat(split.site()).isEqualTo(home.site());
        assertThat(split.path()).isEqualTo(LookupResult.TrafficPath.DIRECT);
        assertThat(split.penaltyMs()).isLessThanOrEqualTo(1);
        assertThat(full.path()).isEqualTo(LookupResult.TrafficPath.OFFICE);
        assertThat(full.site().place().continent().name()).isEqualTo("NA");
        assertThat(sydney.site().place().continent().name()).isEqualTo("OC");
        assertThat(sydney.site()).isNotEqualTo(home.site());
        // Exchange moves with the resolver even though its traffic leaves directly
        LookupResult exchange = result("teams-vpn", "berlin-split", "exchange");
        assertThat(exchange.path()).isEqualTo(LookupResult.TrafficPath.DIRECT);
        assertThat(exchange.site().place().continent().name()).isEqualTo("NA");
        // the Seattle resolver is flagged: more than 800 km from the Berlin user
        assertThat(exchange.resolverFar()).isTrue();
        assertThat(result("teams-vpn", "berlin-home", "exchange").resolverFar()).isFalse();
    }

    @Test
    void drainedFrontDoorIsLeftOnlyWhenTheCachedGeoAnswerExpires() {
        RunResult r = run("outage");
        assertThat(r.events()).hasSize(2);
        LookupResult before = r.result("cached", "exchange", 0).orElseThrow();
        LookupResult stale = r.result("cached", "exchange", 1).orElseThrow();
        LookupResult moved = r.result("cached", "exchange", 3).orElseThrow();
        assertThat(before.site().id()).isEqualTo("fra");
        assertThat(before.siteDrained()).isFalse();
        assertThat(stale.site().id()).isEqualTo("fra");
        assertThat(stale.siteDrained()).isTrue();
        // the CNAMEs came from the cache; only the expired regional A records were asked again
        assertThat(stale.resolution().steps()).filteredOn(s -> !s.fromCache()).singleElement()
                .satisfies(s -> assertThat(s.name()).isEqualToIgnoringCase("FRA-efz.ms-acdc.office.com."));
        assertThat(moved.site().id()).isEqualTo("hhn");
        assertThat(r.result("uncached", "exchange", 1).orElseThrow().site().id()).isEqualTo("hhn");
        assertThat(r.result("uncached", "exchange", 1).orElseThrow().resolution().steps())
                .noneMatch(Step::fromCache);
        assertThat(r.result("uncached", "exchange", 5).orElseThrow().site().id()).isEqualTo("fra");
        assertThat(r.result("cached", "exchange", 6).orElseThrow().site().id()).isEqualTo("fra");
    }
}
