package dev.geodns.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodns.config.model.AnswerAddresses;
import dev.geodns.config.model.Basis;
import dev.geodns.config.model.GeoIpSettings;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.SoaSettings;
import dev.geodns.config.model.World;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour of valid worlds (defaults, addresses, names) and of odd YAML. */
class WorldLoaderTest {

    @Test
    void optionalSectionsTakeTheirDefaults() throws WorldException {
        World world = WorldLoader.parse(TestWorlds.BASE, "w.yaml", null);
        assertThat(world.server().id()).isEqualTo("geodns-emulator");
        assertThat(world.server().version()).isEqualTo("GeoDNS Emulator");
        assertThat(world.server().nsTtl()).isEqualTo(86400);
        assertThat(world.server().nameservers()).singleElement().satisfies(ns -> {
            assertThat(ns.name().toString()).isEqualTo("ns1.geodns.example.");
            assertThat(ns.addresses()).extracting(a -> a.getHostAddress()).containsExactly("127.0.0.1", "0:0:0:0:0:0:0:1");
        });
        assertThat(world.server().soa()).isEqualTo(SoaSettings.DEFAULT);
        assertThat(world.answers()).isEqualTo(AnswerAddresses.DEFAULT);
        assertThat(world.answers().ipv6Pool().toString()).isEqualTo("2001:db8:ff00:0:0:0:0:0/40");
        assertThat(world.geoip()).isEqualTo(GeoIpSettings.NONE);
        assertThat(world.cloud("gov").orElseThrow().basis()).isEqualTo(Basis.FOUND);
        assertThat(world.cloud("gov").orElseThrow().description()).isEmpty();
    }

    @Test
    void partialSoaKeepsTheOtherDefaults() throws WorldException {
        World world = WorldLoader.parse(TestWorlds.BASE.replace("name: lab\n",
                "name: lab\nserver: {version: lab-1, soa: {serial: 42}}\n"), "w.yaml", null);
        assertThat(world.server().version()).isEqualTo("lab-1");
        assertThat(world.server().soa().serial()).isEqualTo(42);
        assertThat(world.server().soa().refresh()).isEqualTo(SoaSettings.DEFAULT.refresh());
    }

    @Test
    void poolAddressesFollowFileOrderAndExplicitOnesWin() throws WorldException {
        World world = WorldLoader.parse(TestWorlds.BASE.replace("-122.31, cloud: world}",
                "-122.31, cloud: world, ipv4: [198.51.100.7, 198.51.100.8], ipv6: []}"), "w.yaml", null);
        assertThat(world.site("fra").orElseThrow().ipv4()).extracting(a -> a.getHostAddress())
                .containsExactly("198.18.0.1", "198.18.0.2", "198.18.0.3", "198.18.0.4");
        assertThat(world.site("sea").orElseThrow().ipv4()).extracting(a -> a.getHostAddress())
                .containsExactly("198.51.100.7", "198.51.100.8");
        assertThat(world.site("sea").orElseThrow().ipv6()).isEmpty();
        assertThat(world.site("dc-east").orElseThrow().ipv4().get(0).getHostAddress()).isEqualTo("198.18.2.1");
        assertThat(world.site("dc-east").orElseThrow().ipv6().get(3).getHostAddress()).isEqualTo("2001:db8:ff00:2:0:0:0:4");
    }

    @Test
    void siteWithNoAddressAtAllIsRejected() {
        String broken = TestWorlds.BASE.replace("-122.31, cloud: world}", "-122.31, cloud: world, ipv4: [], ipv6: []}");
        assertThatThrownBy(() -> WorldLoader.parse(broken, "w.yaml", null))
                .hasMessageContaining("w.yaml:18: sites[1].ipv4: ipv4 and ipv6 are both empty");
    }

    @Test
    void namesKeepTheirCaseAndTrailingDot() throws WorldException {
        World world = WorldLoader.parse(TestWorlds.BASE
                .replace("names: [mail.example.com, smtp.example.com]", "names: [Mail.Example.COM., smtp.example.com]"),
                "w.yaml", null);
        Service mail = world.service("mail").orElseThrow();
        assertThat(mail.names()).containsExactly("Mail.Example.COM.", "smtp.example.com");
        assertThat(mail.chain().get(2).target()).isEqualTo("{site}-efz.geo.example.com");
        assertThat(world.site("fra").orElseThrow().code()).isEqualTo("FRA");
        assertThat(world.site("dc-east").orElseThrow().code()).isEqualTo("dc-east");
    }

    @Test
    void norwayIsACountryNotABoolean() throws WorldException {
        World world = WorldLoader.parse(TestWorlds.BASE.replace("country: DE\n", "country: NO\n"), "w.yaml", null);
        assertThat(world.site("fra").orElseThrow().place().country()).isEqualTo("NO");
    }

    @Test
    void emptyFileIsAnError() {
        assertThatThrownBy(() -> WorldLoader.parse("", "w.yaml", null)).hasMessageStartingWith("w.yaml:1: (root): the file is empty");
    }

    @Test
    void rootMustBeAMap() {
        assertThatThrownBy(() -> WorldLoader.parse("- a\n- b\n", "w.yaml", null))
                .hasMessageStartingWith("w.yaml:1: (root): expected a map, got a list");
    }

    @Test
    void aliasesAreRejected() {
        String yaml = TestWorlds.BASE.replace("cloud: world\n  - {id: sea", "cloud: &w world\n  - {id: sea")
                .replace("-122.31, cloud: world}", "-122.31, cloud: *w}");
        assertThatThrownBy(() -> WorldLoader.parse(yaml, "w.yaml", null))
                .hasMessageContaining("w.yaml:18: sites[1].cloud: YAML aliases (*w) are not supported");
    }

    @Test
    void secondDocumentIsRejected() {
        assertThatThrownBy(() -> WorldLoader.parse(TestWorlds.BASE + "---\nname: other\n", "w.yaml", null))
                .hasMessageContaining("only one YAML document is allowed");
    }

    @Test
    void geoipDatabasesAreRelativeToTheWorldFileAndMustExist(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("City.mmdb"), "not really a database");
        Path world = dir.resolve("w.yaml");
        Files.writeString(world, TestWorlds.BASE + "geoip: {databases: [City.mmdb], cache_size: 16}\n");
        World w = WorldLoader.load(world);
        assertThat(w.geoip().databases()).containsExactly(dir.resolve("City.mmdb"));
        assertThat(w.geoip().cacheSize()).isEqualTo(16);

        Files.writeString(world, TestWorlds.BASE + "geoip: {databases: [Missing.mmdb]}\n");
        assertThatThrownBy(() -> WorldLoader.load(world))
                .hasMessageContaining(world + ":47: geoip.databases[0]: GeoIP database " + dir.resolve("Missing.mmdb")
                        + " does not exist");
    }

    @Test
    void unreadableWorldFileIsAWorldException(@TempDir Path dir) {
        Path missing = dir.resolve("missing.yaml");
        assertThatThrownBy(() -> WorldLoader.load(missing))
                .isInstanceOf(WorldException.class)
                .hasMessageStartingWith(missing + ":0: (root): cannot read world file");
    }
}
