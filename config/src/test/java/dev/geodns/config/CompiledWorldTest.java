package dev.geodns.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.config.compiled.ChainLink;
import dev.geodns.config.compiled.CompiledService;
import dev.geodns.config.compiled.CompiledWorld;
import dev.geodns.config.compiled.EntryName;
import dev.geodns.config.compiled.RegionalAnswer;
import dev.geodns.config.compiled.TenantChain;
import dev.geodns.config.latency.LatencySettings;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.SiteKind;
import dev.geodns.config.model.Tenant;
import dev.geodns.config.model.World;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/** What the compiled built-in world says, each fact computed once for server and testbed alike. */
class CompiledWorldTest {
    private static final World WORLD = WorldLoader.builtIn();
    private static final CompiledWorld COMPILED = compile(WORLD);

    private static CompiledWorld compile(World w) {
        try {
            return WorldCompiler.compile(w);
        } catch (WorldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByAddress(dev.geodns.config.model.Cidr.parseLiteral(literal));
    }

    private static List<String> ids(List<Site> sites) {
        return sites.stream().map(Site::id).toList();
    }

    @Test
    void candidatesAreFencedToTheServicesCloudAndKind() {
        CompiledService exchange = COMPILED.service("exchange");
        assertThat(exchange.candidateSites()).isNotEmpty().allSatisfy(s -> {
            assertThat(s.cloud()).isEqualTo("worldwide");
            assertThat(s.kind()).isEqualTo(SiteKind.FRONT_DOOR);
        });
        assertThat(exchange.candidateSites()).hasSize((int) WORLD.sites().stream()
                .filter(s -> s.cloud().equals("worldwide") && s.kind() == SiteKind.FRONT_DOOR).count());
        assertThat(ids(COMPILED.service("exchange-china").candidateSites())).containsExactly("pek", "pvg");
        // candidate indexes are the compiled numbering, in file order
        int[] idx = exchange.candidates();
        assertThat(idx).isSorted();
        assertThat(COMPILED.site(idx[0])).isSameAs(exchange.candidateSites().get(0));
    }

    @Test
    void activeServicesHaveEachTenantsHomeThenFailovers() {
        CompiledService sharepoint = COMPILED.service("sharepoint");
        int[] contoso = sharepoint.preferences().get("contoso");
        assertThat(Arrays.stream(contoso).mapToObj(i -> COMPILED.site(i).id()).toList())
                .containsExactly("us-boydton", "us-chicago");
        assertThat(sharepoint.preferences()).doesNotContainKey("wingtip"); // china: behind the fence
        assertThat(COMPILED.service("exchange").preferences()).isEmpty();
    }

    @Test
    void tenantSetsAreTheTenantsOfTheServicesCloud() {
        Tenant contoso = WORLD.tenant("contoso").orElseThrow();
        Tenant wingtip = WORLD.tenant("wingtip").orElseThrow();
        CompiledService sharepoint = COMPILED.service("sharepoint");

        assertThat(sharepoint.tenants()).extracting(Tenant::id).contains("contoso", "fabrikam").doesNotContain("wingtip");
        assertThat(sharepoint.serves(contoso)).isTrue();
        assertThat(sharepoint.serves(wingtip)).isFalse();
        assertThat(sharepoint.serves(null)).isFalse();
        assertThat(COMPILED.service("sharepoint-china").serves(wingtip)).isTrue();
        assertThat(COMPILED.service("exchange").serves(null)).isTrue();
        assertThat(COMPILED.service("exchange").tenants()).isEmpty();
        // what the scenario loader's sameCloud computes: the tenant when it is of the service's cloud
        assertThat(COMPILED.service("exchange").cloudTenant("contoso")).isSameAs(contoso);
        assertThat(COMPILED.service("exchange").cloudTenant("wingtip")).isNull();
        assertThat(COMPILED.service("exchange").cloudTenant(null)).isNull();
    }

    @Test
    void namesAreExpandedPerTenantAndSiteOnce() throws Exception {
        CompiledService sharepoint = COMPILED.service("sharepoint");
        TenantChain contoso = sharepoint.chains().stream().filter(c -> c.tenant().id().equals("contoso"))
                .findFirst().orElseThrow();
        assertThat(contoso.links()).extracting(ChainLink::owner).contains(Name.fromString("contoso.sharepoint.com."));
        ChainLink geo = contoso.links().stream().filter(ChainLink::isGeo).findFirst().orElseThrow();
        int boydton = COMPILED.siteIndex("us-boydton");
        assertThat(geo.geoTargets()[boydton].toString()).contains(COMPILED.site(boydton).code());
        assertThat(geo.geoTargets()[COMPILED.siteIndex("fra")]).isNull(); // a front door: no candidate

        CompiledService exchange = COMPILED.service("exchange");
        assertThat(exchange.chains()).hasSize(1);
        assertThat(exchange.chains().get(0).tenant()).isNull();
        assertThat(exchange.regionals()).hasSize(exchange.candidateSites().size());
        RegionalAnswer fra = exchange.regionals().stream()
                .filter(r -> r.site() == COMPILED.siteIndex("fra")).findFirst().orElseThrow();
        assertThat(fra.name()).isEqualTo(Name.fromString("FRA-efz.ms-acdc.office.com."));
        assertThat(fra.ttl()).isEqualTo(10);
    }

    @Test
    void entryNamesMapBackToServiceAndTenant() {
        // what the scenario loader's match computes for names of the world's services
        EntryName tenantName = COMPILED.entry("Contoso-My.SharePoint.com");
        assertThat(tenantName.service().id()).isEqualTo("sharepoint");
        assertThat(tenantName.tenant().id()).isEqualTo("contoso");
        EntryName literal = COMPILED.entry("outlook.office365.com.");
        assertThat(literal.service().id()).isEqualTo("exchange");
        assertThat(literal.tenant()).isNull();
        assertThat(COMPILED.entry("nobody.sharepoint.com")).isNull(); // no such tenant
        assertThat(COMPILED.entry("wingtip.sharepoint.com")).isNull(); // a china tenant: no worldwide name
        assertThat(COMPILED.entry("outlook.ha.office365.com")).isNull(); // a chain step, not an entry name
    }

    @Test
    void answerAddressesMapBackToTheirSite() throws Exception {
        Site fra = WORLD.site("fra").orElseThrow();
        assertThat(COMPILED.siteOfAddress(fra.ipv4().get(2))).isSameAs(fra);
        assertThat(COMPILED.siteOfAddress(fra.ipv6().get(0))).isSameAs(fra);
        assertThat(COMPILED.siteOfAddress(ip("127.0.0.1"))).isNull();
        assertThat(COMPILED.siteOf(List.of(ip("192.0.2.1"), fra.ipv4().get(0)))).isSameAs(fra);
        assertThat(COMPILED.siteOf(List.of())).isNull();
    }

    @Test
    void labPlanFindsTheMostSpecificNetwork() throws Exception {
        assertThat(COMPILED.labPlan().networkOf(ip("127.0.1.53")).place().city()).isEqualTo("Frankfurt");
        assertThat(COMPILED.labPlan().networkOf(ip("127.0.9.1")).place().city()).isEqualTo("Tokyo");
        assertThat(COMPILED.labPlan().networkOf(ip("198.18.0.1"))).isNull();
        assertThat(COMPILED.labPlan().size()).isEqualTo(WORLD.networks().size());
    }

    @Test
    void geometryAndLatencyModelComeFromConfigsOneImplementation() {
        Site fra = WORLD.site("fra").orElseThrow();
        assertThat(COMPILED.distanceKm(fra.place(), COMPILED.siteIndex("fra"))).isZero();
        assertThat(COMPILED.distanceKm(fra.place(), COMPILED.siteIndex("syd"))).isBetween(16_000.0, 17_000.0);
        assertThat(COMPILED.latencyModel().settings()).isEqualTo(LatencySettings.defaults(WORLD));
        assertThat(COMPILED.routingPlaces()).containsAll(WORLD.networks().stream().map(n -> n.place()).toList())
                .contains(WORLD.site("mnz").orElseThrow().place()); // the worldwide cloud's default site
    }

    @Test
    void extraZonesFollowTheWorldsOwn() {
        // the world's zones, then the whoami name's zone of its own
        assertThat(COMPILED.zones().subList(0, WORLD.zones().size())).isEqualTo(WORLD.zones());
        assertThat(COMPILED.zones()).hasSize(WORLD.zones().size() + 1);
        assertThat(COMPILED.zones().get(WORLD.zones().size()).origin().toString()).isEqualTo("geodns.test.");
        assertThat(COMPILED.whoami().toString()).isEqualTo("whoami.geodns.test.");
        assertThat(COMPILED.siteCount()).isEqualTo(WORLD.sites().size());
        assertThat(COMPILED.siteIndex("nowhere")).isEqualTo(-1);
    }
}
