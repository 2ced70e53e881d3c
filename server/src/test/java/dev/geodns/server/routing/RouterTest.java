package dev.geodns.server.routing;

import static dev.geodns.server.routing.TestWorlds.ecs;
import static dev.geodns.server.routing.TestWorlds.ip;
import static dev.geodns.server.routing.TestWorlds.service;
import static dev.geodns.server.routing.TestWorlds.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodns.config.WorldCompiler;
import dev.geodns.config.WorldException;
import dev.geodns.config.compiled.CompiledWorld;
import dev.geodns.config.model.Continent;
import dev.geodns.config.model.GeoIpSettings;
import dev.geodns.config.model.RoutingKind;
import dev.geodns.config.model.SiteKind;
import dev.geodns.config.model.World;
import dev.geodns.server.geo.AskerAddress;
import dev.geodns.server.geo.LabNetworkTable;
import dev.geodns.server.geo.LocationOrigin;
import dev.geodns.server.geo.WorldLocator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The routing scenarios of the built-in world (nearest, active, sovereign, VPN), asserting site, ECS scope and decision fields together. */
class RouterTest {
    private final World world = TestWorlds.standard();
    private final SiteTable sites = SiteTable.of(world);
    private final DrainState drain = new DrainState(sites);
    private final CompiledWorld compiled = TestWorlds.compiled(world);
    private final Router router = router(world, drain);

    private static Router router(World world, DrainState drain) {
        return new Router(TestWorlds.compiled(world), drain.table(), new WorldLocator(new LabNetworkTable(world.networks()), List.of()),
                drain);
    }

    private RoutingDecision route(String service, String tenant, String source, String ecs) {
        return router.route(service(world, service), tenant == null ? null : tenant(world, tenant), ip(source),
                ecs == null ? null : TestWorlds.ecs(ecs));
    }

    @ParameterizedTest(name = "resolver {0} ({1}) gets {2}")
    @CsvSource({
        "127.0.1.53, Frankfurt, fd-fra",
        "127.0.2.53, Seattle,   fd-sea",
        "127.0.3.53, Singapore, fd-sin",
        "127.0.4.53, Sydney,    fd-syd",
        "127.0.5.53, Sao Paulo, fd-gru",
    })
    void eachLabResolverGetsItsNearestFrontDoor(String source, String city, String site) {
        RoutingDecision d = route("exchange", null, source, null);

        assertThat(d.site().id()).isEqualTo(site);
        assertThat(d.ecsScope()).isZero(); // no ECS in the query: nothing to scope
        assertThat(d.policy()).isEqualTo("nearest");
        assertThat(d.dependsOnLocation()).isTrue();
        assertThat(d.asker().reason()).isEqualTo(AskerAddress.Reason.NO_ECS);
        assertThat(d.location().origin()).isEqualTo(LocationOrigin.LAB_NETWORK);
        assertThat(d.location().place().city()).isEqualTo(city);
        assertThat(d.defaultUsed()).isFalse();
        assertThat(d.drainedSkipped()).isEmpty();
        assertThat(d.candidates()).hasSize(5);
        assertThat(d.candidates().get(0).site().id()).isEqualTo(site);
        assertThat(d.candidates().get(0).chosen()).isTrue();
        assertThat(d.candidates()).extracting(RoutingDecision.Candidate::distanceKm).isSorted();
    }

    @Test
    void ipv6LabResolverIsLocatedToo() {
        RoutingDecision d = route("exchange", null, "2001:db8:1::53", null);

        assertThat(d.site().id()).isEqualTo("fd-fra");
        assertThat(d.location().network()).isEqualTo("2001:db8:1:0:0:0:0:0/48");
    }

    @ParameterizedTest
    @CsvSource({"127.0.1.53", "127.0.2.53", "127.0.3.53", "127.0.4.53", "127.0.5.53", "192.0.2.1"})
    void activeGivesTheHomeDatacenterFromEveryPlace(String source) {
        RoutingDecision d = route("sharepoint", "contoso", source, "127.0.4.0/24");

        assertThat(d.site().id()).isEqualTo("dc-chi");
        assertThat(d.ecsScope()).isZero(); // RFC 7871 7.2.1: the answer is the same for every subnet
        assertThat(d.policy()).isEqualTo("active");
        assertThat(d.dependsOnLocation()).isFalse();
        assertThat(d.defaultUsed()).isFalse();
        assertThat(d.candidates()).extracting(c -> c.site().id()).containsExactly("dc-chi", "dc-sjc");
    }

    @Test
    void drainedHomeFailsOverAndRestoredHomeComesBack() {
        drain.drain("dc-ams");
        RoutingDecision drained = route("sharepoint", "fabrikam", "127.0.1.53", null);

        assertThat(drained.site().id()).isEqualTo("dc-dub");
        assertThat(drained.drainedSkipped()).containsExactly("dc-ams");
        assertThat(drained.allDrained()).isFalse();
        assertThat(drained.candidates().get(0).drainedSkipped()).isTrue();
        assertThat(drained.ecsScope()).isZero();

        drain.drain("dc-dub");
        assertThat(route("sharepoint", "fabrikam", "127.0.1.53", null).site().id()).isEqualTo("dc-chi");

        drain.restore("dc-ams");
        drain.restore("dc-dub");
        RoutingDecision restored = route("sharepoint", "fabrikam", "127.0.1.53", null);
        assertThat(restored.site().id()).isEqualTo("dc-ams");
        assertThat(restored.drainedSkipped()).isEmpty();
    }

    @Test
    void allCandidatesDrainedStillAnswersTheFirstPreferenceAndSaysSo() {
        drain.drain("dc-chi");
        drain.drain("dc-sjc");

        RoutingDecision d = route("sharepoint", "contoso", "127.0.2.53", null);

        assertThat(d.site().id()).isEqualTo("dc-chi");
        assertThat(d.allDrained()).isTrue();
        assertThat(d.drainedSkipped()).containsExactly("dc-chi", "dc-sjc");
        assertThat(d.toJsonMap()).containsEntry("allDrained", true);
    }

    @Test
    void drainedNearestFrontDoorIsSkipped() {
        drain.drain("fd-fra");

        RoutingDecision d = route("exchange", null, "127.0.1.53", "127.0.1.0/24");

        assertThat(d.site().id()).isEqualTo("fd-sea"); // next nearest to Frankfurt
        assertThat(d.drainedSkipped()).containsExactly("fd-fra");
        assertThat(d.ecsScope()).isEqualTo(24);

        drain.restore("fd-fra");
        assertThat(route("exchange", null, "127.0.1.53", null).site().id()).isEqualTo("fd-fra");
    }

    @ParameterizedTest
    @CsvSource({"127.0.1.53", "127.0.2.53", "127.0.3.53", "127.0.4.53", "127.0.5.53", "192.0.2.1"})
    void chinaNamesOnlyEverGetChinaSites(String source) {
        RoutingDecision nearest = route("exchange-cn", null, source, null);
        RoutingDecision active = route("sharepoint-cn", "wingtip", source, null);

        assertThat(nearest.site().cloud()).isEqualTo("china");
        assertThat(nearest.candidates()).allSatisfy(c -> assertThat(c.site().cloud()).isEqualTo("china"));
        assertThat(active.site().id()).isEqualTo("cn-sha");
        assertThat(compiled.service(service(world, "exchange-cn")).candidateSites())
                .extracting(s -> s.id()).containsExactly("fd-pek", "fd-pvg");
    }

    @Test
    void frankfurtAskingAChinaNameGetsBeijing() {
        RoutingDecision d = route("exchange-cn", null, "127.0.1.53", "127.0.1.0/24");

        assertThat(d.site().id()).isEqualTo("fd-pek");
        assertThat(d.ecsScope()).isEqualTo(24);
        assertThat(d.location().place().city()).isEqualTo("Frankfurt");
    }

    @Test
    void worldwideNamesNeverGetChinaSitesEvenWhenAllWorldwideAreDrained() {
        for (String id : List.of("fd-fra", "fd-sea", "fd-sin", "fd-syd", "fd-gru")) {
            drain.drain(id);
        }
        RoutingDecision d = route("exchange", null, "127.0.3.53", null); // Singapore: PVG would be closer

        assertThat(d.site().cloud()).isEqualTo("worldwide");
        assertThat(d.site().id()).isEqualTo("fd-sin");
        assertThat(d.allDrained()).isTrue();
    }

    @Test
    void ecsFromFrankfurtThroughSeattleResolverGetsFrankfurtWhenServiceHonoursEcs() {
        RoutingDecision d = route("exchange", null, "127.0.2.53", "127.0.1.0/24");

        assertThat(d.site().id()).isEqualTo("fd-fra");
        assertThat(d.ecsScope()).isEqualTo(24); // min(lab /24, source /24)
        assertThat(d.asker().reason()).isEqualTo(AskerAddress.Reason.ECS);
        assertThat(d.asker().address()).isEqualTo(ip("127.0.1.0"));
        assertThat(d.location().place().city()).isEqualTo("Frankfurt");
    }

    @Test
    void ecsScopeIsCappedAtTheSourcePrefix() {
        RoutingDecision shorter = route("exchange", null, "127.0.2.53", "127.0.0.0/20");
        RoutingDecision longer = route("exchange", null, "127.0.2.53", "127.0.1.128/25");

        // A /20 ECS address is 127.0.0.0: outside every lab network, so the default site answers.
        assertThat(shorter.location().known()).isFalse();
        assertThat(shorter.site().id()).isEqualTo("fd-sea");
        assertThat(shorter.ecsScope()).isEqualTo(20);
        assertThat(longer.site().id()).isEqualTo("fd-fra");
        assertThat(longer.ecsScope()).isEqualTo(24);
    }

    @Test
    void ecsIsIgnoredWhenTheServiceDoesNotHonourIt() {
        RoutingDecision d = route("portal", null, "127.0.2.53", "127.0.1.0/24");

        assertThat(d.site().id()).isEqualTo("fd-sea");
        assertThat(d.ecsScope()).isZero();
        assertThat(d.asker().reason()).isEqualTo(AskerAddress.Reason.ECS_NOT_HONOURED);
        assertThat(d.asker().address()).isEqualTo(ip("127.0.2.53"));
        assertThat(d.dependsOnLocation()).isTrue();
    }

    @Test
    void ecsSlashZeroLocatesTheSourceAddress() {
        RoutingDecision d = route("exchange", null, "127.0.3.53", "0.0.0.0/0");

        assertThat(d.site().id()).isEqualTo("fd-sin");
        assertThat(d.ecsScope()).isZero();
        assertThat(d.asker().reason()).isEqualTo(AskerAddress.Reason.ECS_OPT_OUT);
        assertThat(d.asker().address()).isEqualTo(ip("127.0.3.53"));
    }

    @Test
    void unknownAddressGetsTheCloudsDefaultSiteAndSaysSo() {
        RoutingDecision d = route("exchange", null, "192.0.2.1", null);

        assertThat(d.site().id()).isEqualTo("fd-sea");
        assertThat(d.defaultUsed()).isTrue();
        assertThat(d.defaultSite()).isEqualTo("fd-sea");
        assertThat(d.location().origin()).isEqualTo(LocationOrigin.UNKNOWN);
        assertThat(d.ecsScope()).isZero();
        assertThat(d.candidates().get(0).distanceKm()).isZero();

        RoutingDecision china = route("exchange-cn", null, "192.0.2.1", null);
        assertThat(china.site().id()).isEqualTo("fd-pek");
        assertThat(china.defaultUsed()).isTrue();
    }

    @Test
    void unknownEcsAddressIsScopedToTheSourcePrefix() {
        RoutingDecision d = route("exchange", null, "127.0.1.53", "198.51.100.0/24");

        assertThat(d.site().id()).isEqualTo("fd-sea");
        assertThat(d.defaultUsed()).isTrue();
        assertThat(d.ecsScope()).isEqualTo(24);
    }

    @Test
    void unknownDefaultSiteIsDrainedSoTheNearestLiveToItAnswers() {
        drain.drain("fd-sea");

        RoutingDecision d = route("exchange", null, "192.0.2.1", null);

        assertThat(d.defaultUsed()).isTrue();
        assertThat(d.site().id()).isNotEqualTo("fd-sea");
        assertThat(d.drainedSkipped()).containsExactly("fd-sea");
    }

    @Test
    void fixedAlwaysAnswersItsSiteAndStillDoesWhenDrained() {
        RoutingDecision d = route("status", null, "127.0.4.53", "127.0.4.0/24");
        assertThat(d.site().id()).isEqualTo("dc-dub");
        assertThat(d.ecsScope()).isZero();
        assertThat(d.policy()).isEqualTo("fixed");
        assertThat(d.dependsOnLocation()).isFalse();

        drain.drain("dc-dub");
        RoutingDecision drained = route("status", null, "127.0.4.53", null);
        assertThat(drained.site().id()).isEqualTo("dc-dub");
        assertThat(drained.allDrained()).isTrue();
        assertThat(compiled.service(service(world, "status")).candidateSites()).extracting(s -> s.id()).containsExactly("dc-dub");
    }

    @Test
    void tiesAreBrokenBySiteIdWhateverTheFileOrder() {
        for (boolean reversed : new boolean[] {false, true}) {
            TestWorlds b = TestWorlds.builder().cloud("worldwide", "fd-b");
            // Two front doors at the same spot, equally far from every asker.
            if (reversed) {
                b.frontDoor("fd-b", "BBB", "worldwide", TestWorlds.FRANKFURT)
                        .frontDoor("fd-a", "AAA", "worldwide", TestWorlds.FRANKFURT);
            } else {
                b.frontDoor("fd-a", "AAA", "worldwide", TestWorlds.FRANKFURT)
                        .frontDoor("fd-b", "BBB", "worldwide", TestWorlds.FRANKFURT);
            }
            World w = b.service("exchange", "worldwide", RoutingKind.NEAREST, SiteKind.FRONT_DOOR, true, null,
                            "outlook.example.com")
                    .network("127.0.2.0/24", TestWorlds.SEATTLE)
                    .build();
            Router r = router(w, new DrainState(SiteTable.of(w)));

            RoutingDecision d = r.route(service(w, "exchange"), null, ip("127.0.2.1"), null);

            assertThat(d.site().id()).as("reversed=%s", reversed).isEqualTo("fd-a");
            assertThat(d.candidates()).extracting(c -> c.site().id()).containsExactly("fd-a", "fd-b");
        }
    }

    @Test
    void drainSurvivesCarryOverIntoANewRouter() {
        drain.drain("fd-fra");
        drain.drain("dc-chi");

        World reloaded = TestWorlds.standard();
        DrainState next = drain.carryOver(SiteTable.of(reloaded));
        Router r = router(reloaded, next);

        RoutingDecision d = r.route(service(reloaded, "exchange"), null, ip("127.0.1.53"), null);
        assertThat(d.site().id()).isEqualTo("fd-sea");
        assertThat(d.drainedSkipped()).containsExactly("fd-fra");
        assertThat(r.route(service(reloaded, "sharepoint"), tenant(reloaded, "contoso"), ip("127.0.1.53"), null)
                .site().id()).isEqualTo("dc-sjc");
        assertThat(next.drainedIds()).containsExactly("fd-fra", "dc-chi");
    }

    @Test
    void theCompiledWorldSaysWhichTenantNamesExist() {
        assertThat(serves("sharepoint", tenant(world, "contoso"))).isTrue();
        assertThat(serves("sharepoint", tenant(world, "wingtip"))).isFalse();
        assertThat(serves("sharepoint-cn", tenant(world, "wingtip"))).isTrue();
        assertThat(serves("sharepoint", null)).isFalse();
        assertThat(serves("exchange", null)).isTrue();
        assertThatThrownBy(() -> route("sharepoint", "wingtip", "127.0.1.53", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wingtip");
    }

    private boolean serves(String service, dev.geodns.config.model.Tenant tenant) {
        return compiled.service(service(world, service)).serves(tenant);
    }

    @Test
    void aWorldThatBreaksACloudFenceIsRefusedAtLoad() {
        World w = TestWorlds.builder()
                .cloud("worldwide", null).cloud("china", null)
                .datacenter("dc-chi", "CHI", "worldwide", TestWorlds.SEATTLE)
                .datacenter("cn-sha", "SHA", "china", TestWorlds.SINGAPORE)
                .service("sharepoint", "worldwide", RoutingKind.ACTIVE, SiteKind.DATACENTER, false, null,
                        "{tenant}.sharepoint.example")
                .tenant("contoso", "worldwide", "dc-chi", "cn-sha")
                .build();

        assertThatThrownBy(() -> WorldCompiler.compile(w))
                .isInstanceOf(WorldException.class)
                .hasMessageContaining("contoso").hasMessageContaining("cn-sha").hasMessageContaining("fences");
    }

    @Test
    void aCloudWithoutDefaultSiteRanksUnknownAskersInFileOrder() {
        World w = TestWorlds.builder()
                .cloud("worldwide", null)
                .frontDoor("fd-syd", "SYD", "worldwide", TestWorlds.SYDNEY)
                .frontDoor("fd-fra", "FRA", "worldwide", TestWorlds.FRANKFURT)
                .service("exchange", "worldwide", RoutingKind.NEAREST, SiteKind.FRONT_DOOR, true, null,
                        "outlook.example.com")
                .build();
        Router r = router(w, new DrainState(SiteTable.of(w)));

        RoutingDecision d = r.route(service(w, "exchange"), null, ip("192.0.2.1"), ecs("192.0.2.0/24"));

        assertThat(d.site().id()).isEqualTo("fd-syd");
        assertThat(d.defaultUsed()).isTrue();
        assertThat(d.defaultSite()).isNull();
        assertThat(d.from()).isNull();
        assertThat(d.candidates().get(0).distanceKm()).isNaN();
        assertThat(d.ecsScope()).isEqualTo(24);
    }

    @Test
    void aNearestServiceWithOneCandidateDoesNotDependOnLocation() {
        World w = TestWorlds.builder()
                .cloud("usgov", "fd-phx")
                .frontDoor("fd-phx", "PHX", "usgov",
                        TestWorlds.city("Phoenix", "US", Continent.NA, 33.43, -112.01))
                .service("exchange-gov", "usgov", RoutingKind.NEAREST, SiteKind.FRONT_DOOR, true, null,
                        "outlook.example.us")
                .network("127.0.1.0/24", TestWorlds.FRANKFURT)
                .geoip(GeoIpSettings.NONE)
                .build();
        Router r = router(w, new DrainState(SiteTable.of(w)));

        RoutingDecision d = r.route(service(w, "exchange-gov"), null, ip("127.0.2.1"), ecs("127.0.1.0/24"));

        assertThat(d.site().id()).isEqualTo("fd-phx");
        assertThat(d.dependsOnLocation()).isFalse();
        assertThat(d.ecsScope()).isZero(); // the one answer holds for every subnet
    }

    @Test
    void aDrainStateOfAnotherTableIsRefused() {
        DrainState other = new DrainState(SiteTable.of(world));
        assertThatThrownBy(() -> new Router(compiled, sites, new LabNetworkTable(world.networks()), other))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
