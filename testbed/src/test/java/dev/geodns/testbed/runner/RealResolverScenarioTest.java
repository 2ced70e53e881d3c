package dev.geodns.testbed.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geodns.config.WorldLoader;
import dev.geodns.testbed.report.MiniJsonSchema;
import dev.geodns.testbed.report.ReportFormat;
import dev.geodns.testbed.resolvers.ResolverKind;
import dev.geodns.testbed.scenario.BuiltInScenarios;
import dev.geodns.testbed.scenario.Scenario;
import dev.geodns.testbed.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenarios played by real resolvers: the built-in VPN scenarios with every resolver
 * overridden to unbound, pdns-recursor, knot-resolver or dnsmasq (as {@code run NAME
 * --resolver-kind KIND} does), and an outage through unbound in a world with 2 s TTLs. Each run
 * starts the emulator in process and the resolvers on their scenario addresses, port 53, so these
 * need root. A resolver that is not installed makes the run SKIPPED; then the test is skipped too,
 * except in CI (env CI set), which installs them: there it fails.
 */
class RealResolverScenarioTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs {@code s}; a skipped run aborts the test (fails it in CI). The resolvers are gone afterwards. */
    static RunResult run(Scenario s) throws Exception {
        RunResult r = new ScenarioRunner(s).run();
        if (r.skippedLookups() > 0) {
            if (inCi()) {
                fail("CI must install the real resolvers and clients: " + r.skipReasons());
            }
            Assumptions.abort("skipped: " + r.skipReasons());
        }
        for (ResolverRun rr : r.resolverRuns()) {
            if (rr.pid() != null) {
                assertThat(ProcessHandle.of(rr.pid()).map(ProcessHandle::isAlive).orElse(false))
                        .as("resolver %s (pid %s) stopped at the end of the run", rr.id(), rr.pid()).isFalse();
            }
        }
        return r;
    }

    static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    static LookupResult result(RunResult r, String client, String lookup) {
        return r.result(client, lookup).orElseThrow();
    }

    static String continent(LookupResult r) {
        assertThat(r.site()).as("%s %s: %s", r.client().id(), r.lookup().text(), r.error()).isNotNull();
        return r.site().place().continent().name();
    }

    @Test
    void vpnShiftThroughUnboundGivesEveryClientBehindTheSeattleResolverTheFarFrontDoor() throws Exception {
        RunResult r = run(BuiltInScenarios.load("vpn-shift", ResolverKind.UNBOUND));
        assertThat(r.wallClock()).isTrue();
        assertThat(r.resolverRuns()).hasSize(3).allSatisfy(rr -> {
            assertThat(rr.software()).isEqualTo("unbound");
            assertThat(rr.status()).isEqualTo(ResolverRun.STARTED);
            assertThat(rr.pid()).isNotNull();
        });
        assertThat(r.expectations()).allSatisfy(e -> assertThat(e.passed()).as("%s %s", e.expectation().describe(),
                e.failures()).isTrue());
        assertThat(r.status()).isEqualTo(RunResult.Status.PASSED);
        for (String client : List.of("berlin-split", "berlin-full")) {
            for (String lookup : List.of("exchange", "portal")) {
                LookupResult l = result(r, client, lookup);
                assertThat(continent(l)).as("%s %s", client, lookup).isEqualTo("NA");
                assertThat(l.resolution().viaRealResolver()).isTrue();
                // the emulator saw the Seattle resolver's pinned address and no ECS
                assertThat(l.resolution().steps()).allSatisfy(s -> {
                    assertThat(s.source()).startsWith("127.0.2.");
                    assertThat(s.ecsSent()).isNull();
                });
                assertThat(l.resolution().stubQueries()).allSatisfy(q -> {
                    assertThat(q.tool()).isEqualTo("dnsjava");
                    assertThat(q.source()).isEqualTo(l.client().address().getHostAddress());
                });
            }
        }
        assertThat(continent(result(r, "berlin-home", "exchange"))).isEqualTo("EU");
        assertThat(result(r, "berlin-split", "exchange").resolution().ecsReceived()).isEqualTo("none");
    }

    @Test
    void vpnEcsThroughUnboundBringsTheClientHomeAndCachesPerScope() throws Exception {
        RunResult r = run(BuiltInScenarios.load("vpn-ecs", ResolverKind.UNBOUND));
        assertThat(r.expectations()).allSatisfy(e -> assertThat(e.passed()).as("%s %s", e.expectation().describe(),
                e.failures()).isTrue());

        // without ECS the Seattle resolver gets the far front door
        LookupResult noEcs = result(r, "no-ecs", "exchange");
        assertThat(continent(noEcs)).isEqualTo("NA");
        assertThat(noEcs.resolution().ecsReceived()).isEqualTo("none");

        // with unbound's ECS (client /24) the Berlin client's sign-in is back in Europe (sign-in honours
        // ECS in the built-in world; Exchange is located by the resolver only, scope 0)
        LookupResult berlin = result(r, "client-ecs", "signin");
        assertThat(berlin.site().id()).isEqualTo("de-berlin");
        assertThat(berlin.resolution().cacheHit()).isFalse();
        assertThat(berlin.resolution().ecsReceived()).isEqualTo("127.0.6.0/24");
        assertThat(berlin.resolution().ecsScope()).isEqualTo(24);

        LookupResult berlinExchange = result(r, "client-ecs", "exchange");
        assertThat(continent(berlinExchange)).isEqualTo("NA");
        assertThat(berlinExchange.resolution().ecsReceived()).isEqualTo("127.0.6.0/24");
        assertThat(berlinExchange.resolution().ecsScope()).isZero();

        // another /24 behind the same resolver: its own answer, not Berlin's cached one
        LookupResult london = result(r, "client-ecs-london", "signin");
        assertThat(london.site().id()).isNotEqualTo("de-berlin");
        assertThat(continent(london)).isEqualTo("EU");
        assertThat(london.resolution().cacheHit()).isFalse();
        assertThat(london.resolution().ecsReceived()).isEqualTo("127.0.7.0/24");

        // scope 0: fetched from the emulator once, then served from unbound's cache to the other /24
        LookupResult spBerlin = result(r, "client-ecs", "sharepoint");
        LookupResult spLondon = result(r, "client-ecs-london", "sharepoint");
        assertThat(spBerlin.site().id()).isEqualTo("us-boydton");
        assertThat(spBerlin.resolution().cacheHit()).isFalse();
        assertThat(spBerlin.resolution().ecsScope()).isZero();
        assertThat(spLondon.site().id()).isEqualTo("us-boydton");
        assertThat(spLondon.resolution().cacheHit()).isTrue();
        assertThat(spLondon.resolution().upstreamQueries()).isZero();

        // tunnel-24: the client asks from its address in the tunnel (host 100 + 2 of the Seattle pool)
        LookupResult tunnel = result(r, "tunnel-ecs", "exchange");
        assertThat(continent(tunnel)).isEqualTo("NA");
        assertThat(tunnel.resolution().ecsReceived()).isEqualTo("127.0.2.0/24");
        assertThat(tunnel.resolution().stubQueries()).allSatisfy(q -> assertThat(q.source()).isEqualTo("127.0.2.102"));

        // the report says so, in every format
        JsonNode doc = JSON.readTree(ReportFormat.JSON.render(r));
        assertThat(MiniJsonSchema.report().validate(doc)).isEmpty();
        assertThat(MiniJsonSchema.report().undeclared(doc)).isEmpty();
        assertThat(doc.get("clock").asText()).isEqualTo("wall");
        JsonNode sp = jsonResult(doc, "client-ecs-london", "sharepoint");
        assertThat(sp.get("cacheHit").asBoolean()).isTrue();
        assertThat(sp.get("software").asText()).isEqualTo("unbound");
        assertThat(sp.get("stubQueries").get(0).get("answers").size()).isPositive();
        JsonNode geo = jsonResult(doc, "client-ecs", "signin");
        assertThat(geo.get("ecsReceived").asText()).isEqualTo("127.0.6.0/24");
        assertThat(geo.get("ecsScope").asInt()).isEqualTo(24);
        assertThat(jsonResult(doc, "client-ecs", "exchange").get("ecsScope").asInt()).isZero();
        assertThat(doc.at("/resolvers/0/status").asText()).isEqualTo("started");
        assertThat(ReportFormat.TABLE.render(r).lines().filter(l -> l.matches("client-ecs-london +sharepoint .*")))
                .singleElement().satisfies(l -> assertThat(l).contains(" hit "));
        assertThat(ReportFormat.HTML.render(r)).contains("<th>ECS at emulator</th>").contains("127.0.6.0/24");
    }

    @ParameterizedTest
    @EnumSource(value = ResolverKind.class, names = {"PDNS_RECURSOR", "KNOT_RESOLVER", "DNSMASQ"})
    void vpnShiftThroughOtherResolvers(ResolverKind kind) throws Exception {
        RunResult r = run(BuiltInScenarios.load("vpn-shift", kind));
        assertThat(r.resolverRuns()).allSatisfy(rr -> assertThat(rr.software()).isEqualTo(kind.id()));
        // far front door for the VPN client, the local one for the local client
        assertThat(continent(result(r, "berlin-split", "exchange"))).isEqualTo("NA");
        assertThat(continent(result(r, "berlin-split", "portal"))).isEqualTo("NA");
        assertThat(continent(result(r, "berlin-home", "exchange"))).isEqualTo("EU");
        assertThat(continent(result(r, "berlin-home", "portal"))).isEqualTo("EU");
        assertThat(r.expectations()).allSatisfy(e -> assertThat(e.passed()).as("%s %s", e.expectation().describe(),
                e.failures()).isTrue());
    }

    static final int TTL_SECONDS = 2;

    @Test
    void outageThroughUnboundKeepsTheDrainedSiteUntilTheTtlEnds(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("short-ttl-world.yaml"), shortTtlWorld());
        Path file = dir.resolve("outage-short-ttl.yaml");
        Files.writeString(file, """
                name: outage-short-ttl
                description: FRA drained right after a Frankfurt client's answer was cached; TTLs of 2 s
                world: short-ttl-world.yaml
                rounds: 24
                round_seconds: 0.25
                tenants: [fabrikam]
                resolvers:
                  - {id: frankfurt-isp, place: Frankfurt, address: 127.0.1.55, software: unbound}
                clients:
                  - {id: cached, place: Frankfurt, resolver: frankfurt-isp, tenant: fabrikam, lookups: [exchange]}
                events:
                  - {at_round: 1, drain: fra}
                expect:
                  - {client: cached, lookup: exchange, round: 0, site: fra}
                  - {client: cached, lookup: exchange, round: 1, site: fra}
                  - {client: cached, lookup: exchange, round: 23, site: hhn}
                """);
        RunResult r = run(ScenarioLoader.load(file));
        assertThat(r.expectations()).allSatisfy(e -> assertThat(e.passed()).as("%s %s", e.expectation().describe(),
                e.failures()).isTrue());
        LookupResult stale = r.result("cached", "exchange", 1).orElseThrow();
        assertThat(stale.siteDrained()).isTrue();
        assertThat(stale.resolution().cacheHit()).isTrue();

        Move move = r.moves().stream().filter(m -> m.client().equals("cached")).findFirst().orElseThrow();
        System.out.printf("outage scenario through unbound: %s%n", move);
        assertThat(move.site()).isEqualTo("fra");
        assertThat(move.movedTo()).isEqualTo("hhn");
        assertThat(move.staleAnswers()).isPositive();
        assertThat(move.seconds()).isBetween(TTL_SECONDS - 0.5, TTL_SECONDS + 3.0);
        // the answer that moved came from the emulator, not the cache
        assertThat(r.result("cached", "exchange", move.movedRound()).orElseThrow().resolution().cacheHit()).isFalse();

        JsonNode doc = JSON.readTree(ReportFormat.JSON.render(r));
        assertThat(MiniJsonSchema.report().validate(doc)).isEmpty();
        assertThat(doc.at("/moves/0/seconds").asDouble()).isBetween(TTL_SECONDS - 0.5, TTL_SECONDS + 3.0);
        assertThat(ReportFormat.TABLE.render(r)).contains("cached exchange via frankfurt-isp: fra drained at t=")
                .contains(" -> hhn at t=");
    }

    @Test
    void missingResolverBinarySkipsItsLookupsNamingThePackage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("missing.yaml");
        Files.writeString(file, """
                name: missing
                description: one resolver whose binary is not there, one emulated
                resolvers:
                  - {id: real, place: Berlin, software: unbound, binary: /nonexistent/sbin/unbound}
                  - {id: emulated, place: Berlin}
                clients:
                  - {id: a, place: Berlin, resolver: real, lookups: [portal]}
                  - {id: b, place: Berlin, resolver: emulated, lookups: [portal]}
                expect:
                  - {client: a, lookup: portal, continent: EU}
                  - {client: b, lookup: portal, continent: EU}
                """);
        RunResult r = new ScenarioRunner(ScenarioLoader.load(file)).run();
        assertThat(r.status()).isEqualTo(RunResult.Status.SKIPPED);
        assertThat(r.passed()).isFalse();
        assertThat(r.resolverRun("real").orElseThrow()).satisfies(rr -> {
            assertThat(rr.status()).isEqualTo(ResolverRun.SKIPPED);
            assertThat(rr.message()).contains("/nonexistent/sbin/unbound")
                    .contains("install the Debian package 'unbound' (apt-get install -y unbound)");
        });
        LookupResult a = result(r, "a", "portal");
        assertThat(a.status()).isEqualTo(LookupResult.Status.SKIPPED);
        assertThat(a.skipped()).contains("Debian package 'unbound'");
        assertThat(result(r, "b", "portal").status()).isEqualTo(LookupResult.Status.OK);
        assertThat(r.expectations()).extracting(ExpectationResult::status)
                .containsExactly(ExpectationResult.Status.SKIPPED, ExpectationResult.Status.PASSED);
        assertThat(r.skipReasons()).singleElement().asString().contains("apt-get install -y unbound");

        JsonNode doc = JSON.readTree(ReportFormat.JSON.render(r));
        assertThat(MiniJsonSchema.report().validate(doc)).isEmpty();
        assertThat(doc.at("/summary/status").asText()).isEqualTo("skipped");
        assertThat(doc.at("/summary/passed").asBoolean()).isFalse();
        assertThat(doc.at("/results/0/status").asText()).isEqualTo("skipped");
        assertThat(doc.at("/expectations/0/status").asText()).isEqualTo("skipped");
        assertThat(doc.at("/resolvers/0/message").asText()).contains("apt-get install -y unbound");
        String table = ReportFormat.TABLE.render(r);
        assertThat(table).contains("SKIP a portal (every round)").contains("PASS b portal (every round)")
                .contains("<< SKIPPED: unbound is not installed");
    }

    @Test
    void resolverThatFailsToStartFailsTheRunAndTheOnesStartedAreStopped(@TempDir Path dir) throws Exception {
        if (ResolverKind.UNBOUND.locate(null) == null) {
            if (inCi()) {
                fail("CI must install unbound");
            }
            Assumptions.abort("unbound is not installed");
        }
        Path file = dir.resolve("taken.yaml");
        Files.writeString(file, """
                name: taken
                description: the second resolver's address is in use
                resolvers:
                  - {id: first, place: Berlin, address: 127.0.6.57, software: unbound}
                  - {id: second, place: Seattle, address: 127.0.2.57, software: unbound}
                clients: [{id: c, place: Berlin, resolver: first, lookups: [portal]}]
                """);
        Scenario s = ScenarioLoader.load(file);
        try (DatagramSocket taken = bindOrAbort("127.0.2.57")) {
            assertThatThrownBy(() -> new ScenarioRunner(s).run()).isInstanceOf(IOException.class)
                    .hasMessageContaining("127.0.2.57:53 is in use");
        }
        // the first one had started: it was stopped, its port 53 is free again
        bindOrAbort("127.0.6.57").close();
    }

    private static DatagramSocket bindOrAbort(String address) throws IOException {
        try {
            return new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), 53));
        } catch (BindException e) {
            if (String.valueOf(e.getMessage()).contains("ermission")) {
                Assumptions.abort("port 53 needs root: " + e.getMessage());
            }
            throw e;
        }
    }

    /** The built-in world with the exchange geo step and regional answer at {@value #TTL_SECONDS} s. */
    static String shortTtlWorld() throws Exception {
        String text;
        try (InputStream in = WorldLoader.class.getResourceAsStream(WorldLoader.BUILT_IN_RESOURCE)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String geo = "{owner: outlook.ms-acdc.office.com, target: \"{site}-efz.ms-acdc.office.com\", ttl: 30}";
        String regional = "regional: {name: \"{site}-efz.ms-acdc.office.com\", ttl: 10}";
        assertThat(text).contains(geo, regional);
        return text.replace(geo, geo.replace("ttl: 30", "ttl: " + TTL_SECONDS))
                .replace(regional, regional.replace("ttl: 10", "ttl: " + TTL_SECONDS));
    }

    private static JsonNode jsonResult(JsonNode doc, String client, String lookup) {
        for (JsonNode n : doc.get("results")) {
            if (n.get("client").asText().equals(client) && n.get("lookup").asText().equals(lookup)) {
                return n;
            }
        }
        throw new AssertionError("no result " + client + " " + lookup);
    }
}
