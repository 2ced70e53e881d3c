package dev.geodns.server.admin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Worlds on disk for reload tests, derived from the server test world: A and B differ in a way a
 * client can see all at once or not at all (zone records and the whole geo chain with its
 * addresses), and two broken variants (a bad world key, a bad zone record).
 *
 * <ul>
 *   <li>A: {@code alias.example.org CNAME www.example.org A 192.0.2.1}; {@code outlook.office365.com}
 *       ends in {@code FRA-efz.ms-acdc.office.com A 198.18.0.x} for a Frankfurt asker.
 *   <li>B: {@code alias.example.org CNAME www2.example.org A 192.0.2.2}; the geo step is
 *       {@code FRA-b.ms-acdc.office.com} and every site answers from {@code 198.19.0.0/16}.
 * </ul>
 */
final class OpsWorlds {
    static final String WORLD = "world.yaml";
    static final String ZONE = "example.org.zone";

    private static final String ZONE_HEAD = """
            $ORIGIN example.org.
            $TTL 3600
            @     IN SOA   ns1.example.org. hostmaster.example.org. 1 3600 600 604800 300
            @     IN NS    ns1.example.org.
            ns1   IN A     192.0.2.53
            """;

    private OpsWorlds() {
    }

    static String baseYaml() {
        try (InputStream in = OpsWorlds.class.getResourceAsStream("/worlds/test-world.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void writeA(Path dir) throws IOException {
        Files.writeString(dir.resolve(WORLD), baseYaml());
        Files.writeString(dir.resolve(ZONE), ZONE_HEAD + "alias IN CNAME www\nwww   IN A     192.0.2.1\n");
    }

    static void writeB(Path dir) throws IOException {
        String yaml = baseYaml()
                .replace("name: test-world\n", "name: test-world-b\nanswers: {ipv4_pool: 198.19.0.0/16}\n")
                .replace("-efz.ms-acdc.office.com", "-b.ms-acdc.office.com");
        if (!yaml.contains("test-world-b") || yaml.contains("-efz.")) {
            throw new IllegalStateException("the test world changed: adjust OpsWorlds.writeB");
        }
        Files.writeString(dir.resolve(WORLD), yaml);
        Files.writeString(dir.resolve(ZONE), ZONE_HEAD + "alias IN CNAME www2\nwww2  IN A     192.0.2.2\n");
    }

    /** World A with an unknown key in the world file. */
    static void writeBrokenWorld(Path dir) throws IOException {
        writeA(dir);
        Files.writeString(dir.resolve(WORLD), baseYaml() + "\nbogus_key: 1\n");
    }

    /** World A with a record the zone file parser rejects. */
    static void writeBrokenZone(Path dir) throws IOException {
        writeA(dir);
        Files.writeString(dir.resolve(ZONE), ZONE_HEAD + "alias IN CNAME www\nwww   IN A     192.0.2.999\n");
    }
}
