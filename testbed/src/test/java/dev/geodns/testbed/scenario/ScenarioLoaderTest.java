package dev.geodns.testbed.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.config.WorldLoader;
import dev.geodns.testbed.resolvers.ResolverKind;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {
    private static Scenario parse(String yaml) throws ScenarioException {
        return ScenarioLoader.parse(yaml, "test.yaml", Path.of("."));
    }

    @Test
    void resolversArePlayedByTheSoftwareTheFileNamesOrTheOverride() throws Exception {
        String yaml = """
                name: t
                description: d
                stub_client: kdig
                resolvers:
                  - {id: emu, place: Berlin}
                  - {id: ub, place: Berlin, software: unbound, binary: /opt/unbound/sbin/unbound, ecs: client-20}
                  - {id: vpn, kind: vpn, place: Seattle, software: pdns-recursor, ecs: tunnel-24}
                clients: [{id: c, place: Berlin, resolver: emu, lookups: [portal]}]
                """;
        Scenario s = parse(yaml);
        assertThat(s.stubClient()).isEqualTo("kdig");
        assertThat(s.hasRealResolvers()).isTrue();
        assertThat(s.resolvers()).extracting(ResolverSpec::softwareId)
                .containsExactly("emulated", "unbound", "pdns-recursor");
        assertThat(s.resolver("ub").orElseThrow().binary()).isEqualTo(Path.of("/opt/unbound/sbin/unbound"));
        assertThat(s.resolver("ub").orElseThrow().ecs().text()).isEqualTo("client-20");

        // --resolver-kind: every resolver, and a binary written for another software is dropped
        Scenario o = ScenarioLoader.parse(yaml, "test.yaml", Path.of("."), ResolverKind.DNSMASQ);
        assertThat(o.resolvers()).extracting(ResolverSpec::softwareId).containsOnly("dnsmasq");
        assertThat(o.resolvers()).extracting(ResolverSpec::binary).containsOnlyNulls();
        assertThat(parse(yaml.replace("stub_client: kdig\n", "")).stubClient()).isEqualTo("dnsjava");
        assertThat(BuiltInScenarios.load("vpn-shift").hasRealResolvers()).isFalse();
    }

    @Test
    void overrideIsValidatedLikeTheFileWithTheLinesOfTheFile() {
        // knot-resolver 5.x sends no ECS: vpn-ecs's ECS resolvers cannot be played by it
        ScenarioException e = org.assertj.core.api.Assertions.catchThrowableOfType(ScenarioException.class,
                () -> BuiltInScenarios.load("vpn-ecs", ResolverKind.KNOT_RESOLVER));
        assertThat(e).isNotNull();
        assertThat(e.errors()).hasSize(3).allSatisfy(err -> assertThat(err.toString())
                .startsWith("builtin:vpn-ecs.yaml:").contains(".ecs: knot-resolver (software knot-resolver set for"
                        + " every resolver by the override) cannot send ECS"));
        assertThat(e.errors().get(0).line()).isEqualTo(lineOf(BuiltInScenarios.text("vpn-ecs"), "seattle-vpn-client-ecs,"));
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle);
    }

    @Test
    void serviceShortcutsBecomeNames() throws Exception {
        Scenario s = parse("""
                name: t
                description: d
                resolvers: [{id: r, place: Berlin}]
                clients:
                  - {id: c, place: Berlin, resolver: r, tenant: contoso,
                     lookups: [exchange, portal, sharepoint, "sharepoint:fabrikam", "exchange:fabrikam", Contoso-My.SharePoint.com, www.example.com]}
                """);
        var lookups = s.client("c").orElseThrow().lookups();
        assertThat(lookups).extracting(Lookup::name).containsExactly("outlook.office365.com.", "portal.office.com.",
                "contoso.sharepoint.com.", "fabrikam.sharepoint.com.", "outlook.office365.com.",
                "contoso-my.sharepoint.com.", "www.example.com.");
        assertThat(lookups).extracting(Lookup::service).containsExactly("exchange", "portal", "sharepoint", "sharepoint",
                "exchange", "sharepoint", null);
        // the client's tenant is used where none is named; a named one wins
        assertThat(lookups).extracting(Lookup::tenant).containsExactly("contoso", "contoso", "contoso", "fabrikam", "fabrikam",
                "contoso", null);
        assertThat(s.tenants()).containsExactly("contoso", "fabrikam");
    }

    @Test
    void addressesDefaultToTheCitysLoopbackNetwork() throws Exception {
        Scenario s = parse("""
                name: t
                description: d
                resolvers: [{id: r, place: Berlin}, {id: r2, place: berlin}]
                clients:
                  - {id: a, place: Berlin, resolver: r, lookups: [portal]}
                  - {id: b, place: Berlin, address: 127.0.6.10, resolver: r, lookups: [portal]}
                  - {id: c, place: Seattle, resolver: r, lookups: [portal]}
                """);
        assertThat(s.resolver("r").orElseThrow().address().getHostAddress()).isEqualTo("127.0.6.53");
        assertThat(s.resolver("r2").orElseThrow().address().getHostAddress()).isEqualTo("127.0.6.54");
        // .10 is given explicitly to b, so a gets the next free host
        assertThat(s.client("a").orElseThrow().address().getHostAddress()).isEqualTo("127.0.6.11");
        assertThat(s.client("b").orElseThrow().address().getHostAddress()).isEqualTo("127.0.6.10");
        assertThat(s.client("c").orElseThrow().address().getHostAddress()).isEqualTo("127.0.2.10");
        assertThat(s.client("a").orElseThrow().place().label()).isEqualTo("Berlin, DE");
    }

    @Test
    void coordinatesNeedAnAddressEvenWhenTheirLabelNamesACity() {
        String yaml = """
                name: t
                description: d
                resolvers: [{id: r, place: Berlin}]
                clients:
                  - {id: c, place: {latitude: 52.5, longitude: 13.4, label: Berlin}, resolver: r, lookups: [portal]}
                """;
        ScenarioException e = org.assertj.core.api.Assertions.catchThrowableOfType(ScenarioException.class,
                () -> parse(yaml));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isEqualTo("test.yaml:5: clients[0].address: missing: 'Berlin' has no loopback"
                + " network in the lab plan to draw an address from; give address (127.x.y.z)");
    }

    @Test
    void vpnResolverDefaultsToSplitTunnelAtItsOwnPlace() throws Exception {
        Scenario s = parse("""
                name: t
                description: d
                resolvers:
                  - {id: v, kind: vpn, place: Seattle, ecs: tunnel-24}
                  - {id: w, kind: vpn, place: Seattle, office: {latitude: 40.71, longitude: -74.01, label: HQ},
                     tunnel: full, tunnel_pool: 127.0.8.0/24, ecs: 198.51.100.0/26}
                clients: [{id: c, place: Berlin, resolver: v, lookups: [portal]}]
                """);
        ResolverSpec v = s.resolver("v").orElseThrow();
        assertThat(v.tunnel()).isEqualTo(ResolverSpec.Tunnel.SPLIT);
        assertThat(v.office().label()).isEqualTo("Seattle, US");
        assertThat(v.tunnelPool()).hasToString("127.0.2.0/24");
        assertThat(v.ecs().text()).isEqualTo("tunnel-24");
        ResolverSpec w = s.resolver("w").orElseThrow();
        assertThat(w.fullTunnel()).isTrue();
        assertThat(w.office().label()).isEqualTo("HQ");
        assertThat(w.ecs().mode()).isEqualTo(Ecs.Mode.FIXED);
        assertThat(w.ecs().text()).isEqualTo("198.51.100.0/26");
    }

    @Test
    void eventsAtSecondsApplyBeforeTheNextRound() throws Exception {
        Scenario s = parse("""
                name: t
                description: d
                rounds: 4
                round_seconds: 10
                resolvers: [{id: r, place: Berlin}]
                clients: [{id: c, place: Berlin, resolver: r, lookups: [exchange]}]
                events:
                  - {at_seconds: 25, restore: fra}
                  - {at_seconds: 5, drain: fra}
                  - {at_round: 1, drain: hhn}
                """);
        assertThat(s.events()).extracting(EventSpec::round).containsExactly(1, 1, 3);
        assertThat(s.events()).extracting(EventSpec::site).containsExactly("fra", "hhn", "fra");
    }

    @Test
    void worldFileIsRelativeToTheScenario(@TempDir Path dir) throws Exception {
        try (InputStream in = WorldLoader.class.getResourceAsStream(WorldLoader.BUILT_IN_RESOURCE)) {
            Files.writeString(dir.resolve("my-world.yaml"), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Path file = dir.resolve("lab.yaml");
        Files.writeString(file, """
                name: lab
                description: d
                world: my-world.yaml
                resolvers: [{id: r, place: Tokyo}]
                clients: [{id: c, place: Tokyo, resolver: r, lookups: [exchange]}]
                """);
        Scenario s = ScenarioLoader.load(file);
        assertThat(s.worldSource()).isEqualTo(dir.resolve("my-world.yaml").toString());
        assertThat(s.world().name()).isEqualTo("office365");
        assertThat(s.source()).isEqualTo(file.toString());
    }

    @Test
    void everyBuiltInScenarioLoads() {
        for (String name : BuiltInScenarios.NAMES) {
            Scenario s = BuiltInScenarios.load(name);
            assertThat(s.name()).isEqualTo(name);
            assertThat(s.description()).isNotBlank();
            assertThat(s.expectations()).as(name + " states what it shows").isNotEmpty();
        }
    }

    @Test
    void aMisspeltPlaceIsOneErrorNotACascade() {
        String yaml = BuiltInScenarios.text("vpn-shift").replaceFirst("place: Seattle", "place: Seatle")
                .replaceFirst("place: Berlin}", "place: Berln}");
        ScenarioException e = org.assertj.core.api.Assertions.catchThrowableOfType(ScenarioException.class,
                () -> parse(yaml));
        // The resolvers with the bad places fail; the clients and expectations naming them say nothing more.
        assertThat(e.errors()).extracting(err -> err.toString()).containsExactly(
                "test.yaml:" + lineOf(yaml, "place: Berln}") + ": resolvers[0].place: 'Berln' is not a city of the"
                        + " world's lab plan (cities: " + cities(e) + "); or give {latitude, longitude, label};"
                        + " did you mean 'Berlin'?",
                "test.yaml:" + lineOf(yaml, "place: Seatle") + ": resolvers[1].place: 'Seatle' is not a city of the"
                        + " world's lab plan (cities: " + cities(e) + "); or give {latitude, longitude, label};"
                        + " did you mean 'Seattle'?");
    }

    private static String cities(ScenarioException e) {
        String reason = e.errors().get(0).reason();
        return reason.substring(reason.indexOf("(cities: ") + "(cities: ".length(), reason.indexOf(");"));
    }

    @Test
    void aResolverOrClientThatIsNotDeclaredIsStillAnErrorWithASuggestion() {
        String yaml = """
                name: t
                description: d
                resolvers: [{id: home, place: Berlin}]
                clients: [{id: alice, place: Berlin, resolver: hom, lookups: [portal]}]
                expect: [{client: alicee, lookup: portal, site: fra}]
                """;
        ScenarioException e = org.assertj.core.api.Assertions.catchThrowableOfType(ScenarioException.class,
                () -> parse(yaml));
        assertThat(e.errors()).extracting(err -> err.toString()).containsExactly(
                "test.yaml:4: clients[0].resolver: unknown resolver 'hom' (resolvers: [home]); did you mean 'home'?",
                "test.yaml:5: expect[0].client: unknown client 'alicee'; did you mean 'alice'?");
    }
}
