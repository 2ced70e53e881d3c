package dev.geodns.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.geodns.config.model.RoutingKind;
import dev.geodns.config.model.World;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The README's example world must load, and every key a world uses must be documented there. */
class ReadmeExampleTest {
    private static final Path README = readme();

    @Test
    void firstYamlBlockOfTheReadmeLoads() throws Exception {
        World world = WorldLoader.parse(firstYamlBlock(), "config/README.md", README.getParent());
        assertThat(world.name()).isEqualTo("example-lab");
        assertThat(world.clouds()).hasSize(2);
        assertThat(world.sites()).hasSize(5);
        assertThat(world.services()).extracting(s -> s.routing())
                .containsExactly(RoutingKind.NEAREST, RoutingKind.ACTIVE, RoutingKind.FIXED);
        assertThat(world.tenants()).hasSize(2);
        assertThat(world.networks()).hasSize(4);
        assertThat(world.site("fra").orElseThrow().ipv4().get(0).getHostAddress()).isEqualTo("198.18.0.1");
        assertThat(world.site("dc-west").orElseThrow().ipv4()).extracting(a -> a.getHostAddress())
                .containsExactly("198.51.100.7");
        assertThat(world.site("dc-west").orElseThrow().ipv6()).isEmpty();
        assertThat(world.server().version()).isEqualTo("GeoDNS Emulator");
    }

    @Test
    void everyKeyUsedByTheExampleAndTheBuiltInWorldIsDocumented() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Set<String> keys = new TreeSet<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        collectKeys(yaml.readTree(firstYamlBlock()), keys);
        try (InputStream in = WorldLoader.class.getResourceAsStream(WorldLoader.BUILT_IN_RESOURCE)) {
            collectKeys(yaml.readTree(in), keys);
        }
        assertThat(keys).hasSizeGreaterThan(40)
                .allSatisfy(k -> assertThat(readme.contains("`" + k + "`") || readme.contains("." + k + "`"))
                        .as("README documents `%s` (as `%s` or `parent.%s`)", k, k, k).isTrue());
    }

    private static void collectKeys(JsonNode node, Set<String> keys) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                keys.add(e.getKey());
                collectKeys(e.getValue(), keys);
            }
        } else if (node.isArray()) {
            node.forEach(n -> collectKeys(n, keys));
        }
    }

    static String firstYamlBlock() throws IOException {
        String text = Files.readString(README, StandardCharsets.UTF_8);
        int start = text.indexOf("```yaml\n");
        assertThat(start).as("README has a ```yaml block").isGreaterThanOrEqualTo(0);
        int end = text.indexOf("\n```", start + 8);
        return text.substring(start + 8, end + 1);
    }

    private static Path readme() {
        Path p = Path.of("README.md");
        if (!Files.isRegularFile(p) || !p.toAbsolutePath().getParent().endsWith("config")) {
            p = Path.of("config", "README.md");
        }
        return p.toAbsolutePath();
    }
}
