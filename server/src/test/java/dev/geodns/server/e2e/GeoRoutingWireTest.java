package dev.geodns.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.server.geo.LocationOrigin;
import dev.geodns.server.routing.RoutingDecision;
import dev.geodns.server.transport.TcpSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Geo routing over the wire: each behaviour of the built-in world (nearest, active, sovereign, VPN), asserting the answer, the ECS scope
 * and the routing decision together.
 */
class GeoRoutingWireTest {
    static DecisionCapture capture = new DecisionCapture();
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(TestServer.testWorld(), TcpSettings.DEFAULT, capture);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void restoreAll() {
        for (String id : server.server.drainedSites()) {
            server.server.restore(id);
        }
    }

    /** The answer and the decision for one query sent from {@code source} with optional ECS. */
    record Asked(Message message, RoutingDecision decision) {
        String regional() {
            List<Record> answer = message.getSection(Section.ANSWER);
            return answer.stream().filter(r -> r.getType() == Type.CNAME)
                    .map(r -> ((CNAMERecord) r).getTarget().toString()).reduce((a, b) -> b).orElse(null);
        }

        Integer scope() {
            OPTRecord opt = message.getOPT();
            if (opt == null) {
                return null;
            }
            List<EDNSOption> ecs = opt.getOptions(EDNSOption.Code.CLIENT_SUBNET);
            return ecs.isEmpty() ? null : ((ClientSubnetOption) ecs.get(0)).getScopePrefixLength();
        }

        long addresses() {
            return message.getSection(Section.ANSWER).stream().filter(r -> r.getType() == Type.A).count();
        }
    }

    static Asked ask(String source, String name, String ecs) throws IOException {
        SimpleResolver r = server.resolver(source);
        if (ecs != null) {
            String[] parts = ecs.split("/");
            r.setEDNS(0, 1232, 0, List.of(new ClientSubnetOption(Integer.parseInt(parts[1]), InetAddress.getByName(parts[0]))));
        }
        Message q = Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), Type.A, DClass.IN));
        Message m = r.send(q);
        return new Asked(m, capture.byId.get(m.getHeader().getID()));
    }

    @ParameterizedTest(name = "resolver {0} ({1}) -> {2}")
    @CsvSource({
        "127.0.1.1, Frankfurt, FRA",
        "127.0.2.1, Seattle, SEA",
        "127.0.3.1, Singapore, SIN",
        "127.0.4.1, Sydney, SYD",
        "127.0.5.1, Sao Paulo, GRU",
    })
    void labResolverGetsItsNearestFrontDoor(String source, String city, String code) throws IOException {
        Asked a = ask(source, "outlook.office365.com", null);
        assertThat(a.regional()).isEqualTo(code + "-efz.ms-acdc.office.com.");
        assertThat(a.addresses()).isEqualTo(4);
        assertThat(a.message().getSection(Section.ANSWER)).extracting(r -> r.getName().toString()).startsWith(
                "outlook.office365.com.", "outlook.ha.office365.com.", "outlook.ms-acdc.office.com.");
        assertThat(a.decision().policy()).isEqualTo("nearest");
        assertThat(a.decision().location().origin()).isEqualTo(LocationOrigin.LAB_NETWORK);
        assertThat(a.decision().location().place().city()).isEqualTo(city);
        assertThat(a.decision().site().code()).isEqualTo(code);
        assertThat(a.decision().asker().fromEcs()).isFalse();

        Asked withEcs = ask(source, "outlook.office365.com", source.substring(0, source.lastIndexOf('.')) + ".0/24");
        assertThat(withEcs.regional()).isEqualTo(code + "-efz.ms-acdc.office.com.");
        assertThat(withEcs.scope()).isEqualTo(24);
    }

    @Test
    void everyResolverGetsTheTenantsHomeForSharepoint() throws IOException {
        for (int n = 1; n <= 5; n++) {
            Asked a = ask("127.0.%d.1".formatted(n), "contoso.sharepoint.com", "127.0.%d.0/24".formatted(n));
            assertThat(a.regional()).isEqualTo("us-boydton.farm.aa-rt.sharepoint.com.");
            assertThat(a.scope()).as("active answers do not depend on the subnet").isZero();
            assertThat(a.decision().policy()).isEqualTo("active");
            assertThat(a.decision().site().id()).isEqualTo("us-boydton");
            Asked my = ask("127.0.%d.1".formatted(n), "contoso-my.sharepoint.com", null);
            assertThat(my.regional()).isEqualTo("us-boydton.farm.aa-rt.sharepoint.com.");
        }
        assertThat(ask("127.0.2.1", "fabrikam.sharepoint.com", null).regional()).isEqualTo("nl-amsterdam.farm.aa-rt.sharepoint.com.");
    }

    @Test
    void unknownTenantIsNxdomain() throws IOException {
        Asked a = ask("127.0.1.1", "nosuchtenant.sharepoint.com", null);
        assertThat(a.message().getRcode()).isEqualTo(org.xbill.DNS.Rcode.NXDOMAIN);
        assertThat(a.decision()).isNull();
    }

    @Test
    void sovereignNameIsOnlyAnsweredFromItsCloud() throws IOException {
        for (int n = 1; n <= 5; n++) {
            Asked a = ask("127.0.%d.1".formatted(n), "partner.outlook.cn", null);
            assertThat(a.regional()).isIn("PEK.partner.outlook.cn.", "PVG.partner.outlook.cn.");
            assertThat(a.decision().candidates()).allMatch(c -> c.site().cloud().equals("china"));
        }
        assertThat(ask("127.0.1.1", "partner.outlook.cn", null).decision().site().id()).isEqualTo("pek");
        // A worldwide name is never answered with a sovereign site, even from next door to one.
        assertThat(ask("127.0.3.1", "outlook.office365.com", null).decision().candidates())
                .noneMatch(c -> c.site().cloud().equals("china"));
    }

    @Test
    void ecsFromFrankfurtThroughSeattleResolverGetsFrankfurtWithScope() throws IOException {
        Asked plain = ask("127.0.2.1", "outlook.office365.com", null);
        assertThat(plain.regional()).isEqualTo("SEA-efz.ms-acdc.office.com.");
        assertThat(plain.scope()).isNull();

        Asked a = ask("127.0.2.1", "outlook.office365.com", "127.0.1.0/24");
        assertThat(a.regional()).isEqualTo("FRA-efz.ms-acdc.office.com.");
        assertThat(a.scope()).isEqualTo(24);
        assertThat(a.decision().asker().fromEcs()).isTrue();
        assertThat(a.decision().location().place().city()).isEqualTo("Frankfurt");

        Asked longer = ask("127.0.2.1", "outlook.office365.com", "127.0.1.77/32");
        assertThat(longer.regional()).isEqualTo("FRA-efz.ms-acdc.office.com.");
        assertThat(longer.scope()).as("scope = matched lab network length, capped at the source prefix").isEqualTo(24);

        Asked v6 = ask("127.0.2.1", "outlook.office365.com", "2001:db8:1:200::/56");
        assertThat(v6.regional()).isEqualTo("FRA-efz.ms-acdc.office.com.");
        assertThat(v6.scope()).isEqualTo(48);
    }

    @Test
    void serviceThatIgnoresEcsIsRoutedByTheResolverWithScopeZero() throws IOException {
        Asked a = ask("127.0.2.1", "portal.office.com", "127.0.1.0/24");
        assertThat(a.regional()).isEqualTo("SEA-www.ms-acdc.office.com.");
        assertThat(a.scope()).isZero();
        assertThat(a.decision().asker().fromEcs()).isFalse();
    }

    @Test
    void ecsSourcePrefixZeroMeansLocateTheResolver() throws IOException {
        Asked a = ask("127.0.2.1", "outlook.office365.com", "0.0.0.0/0");
        assertThat(a.regional()).isEqualTo("SEA-efz.ms-acdc.office.com.");
        assertThat(a.scope()).isZero();
    }

    @Test
    void drainedSiteIsSkippedAndRestored() throws IOException {
        server.server.drain("fra");
        Asked drained = ask("127.0.1.1", "outlook.office365.com", null);
        assertThat(drained.regional()).isNotEqualTo("FRA-efz.ms-acdc.office.com.").isNotNull();
        assertThat(drained.decision().drainedSkipped()).containsExactly("fra");
        String next = drained.decision().site().code();
        assertThat(next).isIn("SEA", "GRU", "SIN"); // whichever is next nearest to Frankfurt
        // The regional name itself still resolves: a client that asks FRA directly gets Frankfurt.
        assertThat(server.query("FRA-efz.ms-acdc.office.com", Type.A).getSection(Section.ANSWER)).hasSize(4);

        server.server.restore("fra");
        Asked restored = ask("127.0.1.1", "outlook.office365.com", null);
        assertThat(restored.regional()).isEqualTo("FRA-efz.ms-acdc.office.com.");
        assertThat(restored.decision().drainedSkipped()).isEmpty();
    }

    @Test
    void drainedHomeFailsOverToTheFailoverDatacenter() throws IOException {
        server.server.drain("us-boydton");
        Asked a = ask("127.0.1.1", "contoso.sharepoint.com", null);
        assertThat(a.regional()).isEqualTo("us-chicago.farm.aa-rt.sharepoint.com.");
        assertThat(a.decision().drainedSkipped()).containsExactly("us-boydton");
        server.server.restore("us-boydton");
        assertThat(ask("127.0.1.1", "contoso.sharepoint.com", null).regional()).isEqualTo("us-boydton.farm.aa-rt.sharepoint.com.");
    }

    @Test
    void regionalNameResolvesStaticallyFromAnywhere() throws IOException {
        for (int n = 1; n <= 5; n++) {
            Message m = TestServer.query(server.resolver("127.0.%d.1".formatted(n)), "FRA-efz.ms-acdc.office.com", Type.A);
            assertThat(m.getSection(Section.ANSWER)).hasSize(4)
                    .allMatch(r -> server.server.current().snapshot().siteOfAddress(((org.xbill.DNS.ARecord) r).getAddress()).id().equals("fra"));
        }
    }

    @Test
    void unknownAskerGetsTheCloudsDefaultSiteAndTheDecisionSaysSo() throws IOException {
        Asked a = ask("127.0.0.1", "outlook.office365.com", null);
        assertThat(a.regional()).isEqualTo("FRA-efz.ms-acdc.office.com.");
        assertThat(a.decision().location().origin()).isEqualTo(LocationOrigin.UNKNOWN);
        assertThat(a.decision().defaultUsed()).isTrue();
    }

    @Test
    void ttlsFollowTheWorldPerStep() throws IOException {
        Asked a = ask("127.0.1.1", "outlook.office365.com", null);
        assertThat(a.message().getSection(Section.ANSWER)).extracting(Record::getTTL)
                .containsExactly(300L, 60L, 30L, 10L, 10L, 10L, 10L);
    }

    @Test
    void explainUsesTheSameDecision() throws Exception {
        Map<String, Object> e = new dev.geodns.server.engine.Explainer(server.server::current)
                .explain("outlook.office365.com", Type.A, InetAddress.getByName("127.0.2.9"),
                        new dev.geodns.server.geo.ClientSubnet(1, 24, 0, new byte[] {127, 0, 1, 0}));
        @SuppressWarnings("unchecked")
        Map<String, Object> decision = (Map<String, Object>) e.get("decision");
        assertThat(decision.get("site")).isEqualTo("fra");
        assertThat(e.get("ecsScope")).isEqualTo(24);
        assertThat(e.get("answer").toString()).contains("FRA-efz.ms-acdc.office.com.");
    }
}
