package dev.geodns.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodns.config.model.World;
import dev.geodns.config.model.ZoneSpec;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

class ZoneFileTest {
    private static final String WORLD = """
            name: zones
            zones:
              - {origin: example.org, file: %s}
            clouds:
              - {id: world, default_site: fra}
            sites:
              - {id: fra, kind: front-door, code: FRA, continent: EU, latitude: 50.03, longitude: 8.57, cloud: world}
            """;

    private final Path dir = resources();

    @Test
    void worldZoneFileIsReadRelativeToTheWorldFile(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("zones"));
        Files.copy(dir.resolve("example.org.zone"), tmp.resolve("zones/example.org.zone"));
        Path worldFile = tmp.resolve("world.yaml");
        Files.writeString(worldFile, WORLD.formatted("zones/example.org.zone"));

        World world = WorldLoader.load(worldFile);

        assertThat(world.source()).isEqualTo(worldFile);
        ZoneSpec zone = world.zones().get(0);
        assertThat(zone.origin()).isEqualTo(Name.fromConstantString("example.org."));
        assertThat(zone.file()).isEqualTo(tmp.resolve("zones/example.org.zone").toAbsolutePath());
        assertThat(zone.records()).extracting(r -> r.getName() + " " + Type.string(r.getType())).contains(
                "example.org. SOA", "example.org. NS", "www.example.org. A", "www.example.org. AAAA",
                "mail.example.org. MX");
    }

    @Test
    void brokenZoneFileNamesTheZoneFileAndItsLine() {
        assertThatThrownBy(() -> WorldLoader.parse(WORLD.formatted("broken.zone"), "w.yaml", dir))
                .isInstanceOfSatisfying(WorldException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(err -> {
                            assertThat(err.file()).isEqualTo(dir.resolve("broken.zone").toString());
                            assertThat(err.line()).isEqualTo(5);
                            assertThat(err.keyPath()).isEqualTo("zones[0].file");
                            assertThat(err.reason()).contains("300.1.1.1");
                        }));
    }

    @Test
    void zoneFileWhoseOriginDiffersIsRejected() {
        assertThatThrownBy(() -> WorldLoader.parse(WORLD.formatted("soa-owner.zone"), "w.yaml", dir))
                .isInstanceOf(WorldException.class)
                .hasMessageContaining("w.yaml:3: zones[0].origin: zone file " + dir.resolve("soa-owner.zone")
                        + ": SOA owner example.net. does not match the zone origin example.org.");
    }

    @Test
    void missingZoneFileIsAnError() {
        assertThatThrownBy(() -> WorldLoader.parse(WORLD.formatted("nowhere.zone"), "w.yaml", dir))
                .isInstanceOf(WorldException.class)
                .hasMessageContaining("w.yaml:3: zones[0].file: " + dir.resolve("nowhere.zone") + ": zone file does not exist");
    }

    @Test
    void serviceNameWithZoneFileRecordsCollides() {
        String world = WORLD.formatted("example.org.zone") + """
                services:
                  - id: web
                    cloud: world
                    routing: nearest
                    site_kind: front-door
                    names: [www.example.org]
                    chain:
                      - {owner: www.example.org, target: "{site}.edge.example.org", ttl: 30}
                    regional: {name: "{site}.edge.example.org", ttl: 10}
                """;
        assertThatThrownBy(() -> WorldLoader.parse(world, "w.yaml", dir))
                .isInstanceOf(WorldException.class)
                .hasMessageContaining("w.yaml:13: services[0].names[0]: 'www.example.org' also has records in zone file");
    }

    @Test
    void standaloneZoneFileTakesItsOriginFromDollarOrigin() throws WorldException {
        ZoneSpec zone = WorldLoader.loadZoneFile(dir.resolve("example.org.zone"));
        assertThat(zone.origin()).isEqualTo(Name.fromConstantString("example.org."));
        assertThat(zone.records()).extracting(Record::getType).contains(Type.SOA, Type.A, Type.MX);
    }

    @Test
    void standaloneZoneFileTakesItsOriginFromTheSoaOwner() throws WorldException {
        ZoneSpec zone = WorldLoader.loadZoneFile(dir.resolve("soa-owner.zone"));
        assertThat(zone.origin()).isEqualTo(Name.fromConstantString("example.net."));
        assertThat(zone.records()).hasSize(2);
    }

    @Test
    void standaloneZoneFileWithoutOriginOrSoaIsRejected() {
        assertThatThrownBy(() -> WorldLoader.loadZoneFile(dir.resolve("no-origin.zone")))
                .isInstanceOf(WorldException.class)
                .hasMessageContaining("neither $ORIGIN nor a SOA record");
    }

    @Test
    void standaloneBrokenZoneFileNamesItsLine() {
        assertThatThrownBy(() -> WorldLoader.loadZoneFile(dir.resolve("broken.zone")))
                .isInstanceOf(WorldException.class)
                .hasMessageStartingWith(dir.resolve("broken.zone") + ":5: zone: ");
    }

    private static Path resources() {
        try {
            return Path.of(ZoneFileTest.class.getResource("/dev/geodns/config/zonefiles/example.org.zone").toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
