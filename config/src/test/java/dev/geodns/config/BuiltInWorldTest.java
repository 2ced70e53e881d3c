package dev.geodns.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.config.model.Basis;
import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.LabNetwork;
import dev.geodns.config.model.RoutingKind;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.SiteKind;
import dev.geodns.config.model.World;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuiltInWorldTest {
    private final World world = WorldLoader.builtIn();

    @Test
    void loadsWithTheThreeClouds() {
        assertThat(world.name()).isEqualTo("office365");
        assertThat(world.source()).isNull();
        assertThat(world.clouds()).extracting(c -> c.id() + "->" + c.defaultSite())
                .containsExactly("worldwide->mnz", "china->pvg", "usgov->iad");
        assertThat(world.services()).extracting(Service::id).containsExactly("exchange", "portal", "sharepoint",
                "sharepoint-edge", "teams", "signin", "exchange-china", "sharepoint-china", "exchange-usgov", "sharepoint-usgov");
        assertThat(world.tenants()).extracting(t -> t.id() + "@" + t.home())
                .containsExactly("contoso@us-boydton", "fabrikam@nl-amsterdam", "wingtip@cn-beijing",
                        "tailspin@usgov-virginia");
        assertThat(world.zones()).hasSize(15);
    }

    @Test
    void siteCountsPerCloudAndKind() {
        assertThat(world.sites()).hasSize(113);
        assertThat(count("worldwide", SiteKind.ANYCAST)).isEqualTo(2);
        assertThat(count("worldwide", SiteKind.DATACENTER)).isEqualTo(56);
        assertThat(count("china", SiteKind.DATACENTER)).isEqualTo(2);
        assertThat(count("usgov", SiteKind.DATACENTER)).isEqualTo(3);
        assertThat(count("worldwide", SiteKind.FRONT_DOOR)).isEqualTo(45);
        assertThat(count("china", SiteKind.FRONT_DOOR)).isEqualTo(2);
        assertThat(count("usgov", SiteKind.FRONT_DOOR)).isEqualTo(3);
    }

    @Test
    void frontDoorsUseLowerCaseIdsAndUpperCaseCodes() {
        Site fra = world.site("fra").orElseThrow();
        assertThat(fra.code()).isEqualTo("FRA");
        assertThat(fra.kind()).isEqualTo(SiteKind.FRONT_DOOR);
        assertThat(fra.basis()).isEqualTo(Basis.FOUND);
        assertThat(world.site("usgov-sat").orElseThrow().code()).isEqualTo("SAT");
        assertThat(world.site("usgov-sat").orElseThrow().cloud()).isEqualTo("usgov");
        assertThat(world.site("sat").orElseThrow().cloud()).isEqualTo("worldwide");
        assertThat(world.site("sin").orElseThrow().basis()).isEqualTo(Basis.INFERRED);
        assertThat(world.site("us-boydton").orElseThrow().code()).isEqualTo("us-boydton");
    }

    @Test
    void sovereignSitesKeepTheirInferredMark() {
        List<Site> sovereign = world.sites().stream().filter(s -> !s.cloud().equals("worldwide")).toList();
        assertThat(world.sites().stream().filter(s -> s.kind() == SiteKind.ANYCAST))
                .allSatisfy(s -> assertThat(s.basis()).isEqualTo(Basis.INFERRED));
        assertThat(sovereign).hasSize(10).allSatisfy(s -> assertThat(s.basis()).isEqualTo(Basis.INFERRED));
        assertThat(world.tenants()).allSatisfy(t -> assertThat(t.basis()).isEqualTo(Basis.INFERRED));
        assertThat(world.service("portal").orElseThrow().basis()).isEqualTo(Basis.INFERRED);
    }

    @Test
    void exchangeHasTheHaChain() {
        Service ex = world.service("exchange").orElseThrow();
        assertThat(ex.routing()).isEqualTo(RoutingKind.NEAREST);
        // Microsoft documents the resolver's location for ACDC and no ECS: resolver-only by default.
        assertThat(ex.honoursEcs()).isFalse();
        assertThat(world.service("portal").orElseThrow().honoursEcs()).isFalse();
        assertThat(world.service("signin").orElseThrow().honoursEcs()).isTrue();
        assertThat(ex.chain()).extracting(s -> s.owner() + " " + s.ttl() + " " + s.target()).containsExactly(
                "smtp.office365.com 300 outlook.office365.com",
                "outlook.office.com 300 outlook.office365.com",
                "outlook.office365.com 300 outlook.ha.office365.com",
                "outlook.ha.office365.com 60 outlook.ms-acdc.office.com",
                "outlook.ms-acdc.office.com 30 {site}-efz.ms-acdc.office.com");
        assertThat(ex.regional().pattern()).isEqualTo("{site}-efz.ms-acdc.office.com");
        assertThat(ex.regional().ttl()).isEqualTo(10);
        Service spo = world.service("sharepoint").orElseThrow();
        assertThat(spo.perTenant()).isTrue();
        assertThat(spo.chain()).extracting(s -> s.ttl()).containsExactly(3600L, 3600L, 30L);
        assertThat(spo.regional().ttl()).isEqualTo(60);
    }

    @Test
    void labPlanStartsWithTheDocumentedCities() {
        assertThat(place("127.0.1.0/24")).isEqualTo("Frankfurt, DE");
        assertThat(place("127.0.2.0/24")).isEqualTo("Seattle, US");
        assertThat(place("127.0.3.0/24")).isEqualTo("Singapore, SG");
        assertThat(place("127.0.4.0/24")).isEqualTo("Sydney, AU");
        assertThat(place("127.0.5.0/24")).isEqualTo("Sao Paulo, BR");
        assertThat(place("127.0.30.0/24")).isEqualTo("McMurdo Station, AQ");
        assertThat(place("2001:db8:1e::/48")).isEqualTo("McMurdo Station, AQ");
        assertThat(place("2001:db8:a::/48")).isEqualTo(place("127.0.10.0/24"));
        assertThat(place("192.0.2.192/26")).isEqualTo("Warsaw, PL");
        assertThat(place("203.0.113.192/26")).isEqualTo("Shanghai, CN");
        assertThat(world.networks()).hasSize(30 + 12 + 30);
    }

    @Test
    void ipv6LabNetworksMirrorTheLoopbackOnes() {
        for (int n = 1; n <= 30; n++) {
            assertThat(place("2001:db8:" + Integer.toHexString(n) + "::/48")).isEqualTo(place("127.0." + n + ".0/24"));
        }
    }

    @Test
    void everySiteHasItsOwnPoolAddresses() {
        Set<InetAddress> seen = new HashSet<>();
        for (int i = 0; i < world.sites().size(); i++) {
            Site s = world.sites().get(i);
            assertThat(s.ipv4()).hasSize(4);
            assertThat(s.ipv6()).hasSize(4);
            assertThat(s.ipv4()).allSatisfy(a -> assertThat(world.answers().ipv4Pool().contains(a)).isTrue());
            assertThat(s.ipv6()).allSatisfy(a -> assertThat(world.answers().ipv6Pool().contains(a)).isTrue());
            s.ipv4().forEach(a -> assertThat(seen.add(a)).as("unique %s", a).isTrue());
            s.ipv6().forEach(a -> assertThat(seen.add(a)).as("unique %s", a).isTrue());
        }
        Site first = world.sites().get(0);
        Site second = world.sites().get(1);
        assertThat(first.ipv4().get(0).getHostAddress()).isEqualTo("198.18.0.1");
        assertThat(second.ipv4().get(3).getHostAddress()).isEqualTo("198.18.1.4");
        assertThat(second.ipv6().get(0).getHostAddress()).isEqualTo("2001:db8:ff00:1:0:0:0:1");
        Site last = world.sites().get(110);
        assertThat(last.ipv4().get(0).getHostAddress()).isEqualTo("198.18.110.1");
    }

    @Test
    void answerPoolsDoNotOverlapTheLabPlan() {
        List<Cidr> pools = List.of(world.answers().ipv4Pool(), world.answers().ipv6Pool());
        List<Cidr> lab = new ArrayList<>(world.networks().stream().map(LabNetwork::cidr).toList());
        for (Cidr pool : pools) {
            for (Cidr net : lab) {
                assertThat(pool.covers(net) || net.covers(pool)).as("%s vs %s", pool, net).isFalse();
            }
        }
        for (Site s : world.sites()) {
            for (InetAddress a : s.ipv4()) {
                assertThat(lab).noneMatch(n -> n.contains(a));
            }
            for (InetAddress a : s.ipv6()) {
                assertThat(lab).noneMatch(n -> n.contains(a));
            }
        }
    }

    @Test
    void isMemoized() {
        assertThat(WorldLoader.builtIn()).isSameAs(world);
    }

    private long count(String cloud, SiteKind kind) {
        return world.sites().stream().filter(s -> s.cloud().equals(cloud) && s.kind() == kind).count();
    }

    private String place(String cidr) {
        Cidr c = Cidr.parse(cidr);
        return world.networks().stream().filter(n -> n.cidr().equals(c)).findFirst().orElseThrow().place().label();
    }
}
