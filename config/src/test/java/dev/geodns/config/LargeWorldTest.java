package dev.geodns.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.config.model.World;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A lab world far larger than SnakeYAML's default 3 MiB document limit still loads. */
class LargeWorldTest {
    @Test
    void worldOfFortyThousandTenantsLoads() throws Exception {
        String builtIn = builtInText();
        int at = builtIn.indexOf("\ntenants:");
        int lineEnd = builtIn.indexOf('\n', at + 1);
        StringBuilder yaml = new StringBuilder(builtIn.substring(0, lineEnd + 1));
        for (int i = 0; i < 40_000; i++) {
            yaml.append(String.format("  - {id: lab%05d, cloud: worldwide, home: us-boydton, failover: [us-chicago],"
                    + " mailbox: us-des-moines, basis: inferred}%n", i));
        }
        yaml.append(builtIn.substring(lineEnd + 1));
        assertThat(yaml.length()).isGreaterThan(3 * 1024 * 1024);
        World world = WorldLoader.parse(yaml.toString(), "large.yaml", null);
        assertThat(world.tenants()).hasSize(40_000 + WorldLoader.builtIn().tenants().size());
        assertThat(world.tenant("lab39999")).isPresent();
    }

    private static String builtInText() throws IOException {
        try (InputStream in = WorldLoader.class.getResourceAsStream(WorldLoader.BUILT_IN_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
