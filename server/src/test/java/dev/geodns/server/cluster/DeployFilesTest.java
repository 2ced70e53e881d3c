package dev.geodns.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.World;
import dev.geodns.server.routing.SiteTable;
import dev.geodns.server.state.StateFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The deployment examples parse and say what they claim; every dnsdist configuration turns the security poll off. */
class DeployFilesTest {
    /** The repository root, whether the build runs in the module or at the root. */
    static final Path ROOT = (Files.isDirectory(Path.of("deploy")) ? Path.of(".") : Path.of("..")).toAbsolutePath()
            .normalize();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    @Test
    void kubernetesManifestsParseAndHoldWhatTheReadmeSays() throws Exception {
        List<Path> manifests;
        try (Stream<Path> s = Files.list(ROOT.resolve("deploy/kubernetes"))) {
            manifests = s.filter(p -> p.toString().endsWith(".yaml")).toList();
        }
        assertThat(manifests).isNotEmpty();
        List<JsonNode> docs = new ArrayList<>();
        for (Path m : manifests) {
            docs.addAll(documents(m));
        }
        Map<String, JsonNode> byName = docs.stream().peek(d -> {
            assertThat(d.path("apiVersion").asText()).isNotEmpty();
            assertThat(d.path("metadata").path("name").asText()).isNotEmpty();
        }).collect(Collectors.toMap(d -> d.get("kind").asText() + "/" + d.at("/metadata/name").asText(), d -> d));
        assertThat(byName).containsKeys("ConfigMap/geodns-world", "Deployment/geodns", "Service/geodns-backend",
                "ConfigMap/dnsdist", "Deployment/dnsdist", "Service/geodns");

        JsonNode geodns = byName.get("Deployment/geodns");
        assertThat(geodns.at("/spec/replicas").asInt()).isEqualTo(3);
        JsonNode container = geodns.at("/spec/template/spec/containers/0");
        List<String> args = new ArrayList<>();
        container.get("args").forEach(a -> args.add(a.asText()));
        assertThat(args).contains("serve", "--state=/etc/geodns/state", "--world=/etc/geodns/world.yaml")
                .anyMatch(a -> a.startsWith("--proxy-from="));
        assertThat(container.at("/readinessProbe/exec/command").toString()).contains("GET /health");

        JsonNode world = byName.get("ConfigMap/geodns-world").get("data");
        World parsed = WorldLoader.parse(world.get("world.yaml").asText(), "world.yaml", ROOT);
        assertThat(StateFile.parse("state", world.get("state").asText(), SiteTable.of(parsed))).isEmpty();

        String dnsdist = byName.get("ConfigMap/dnsdist").at("/data/dnsdist.conf").asText();
        assertThat(dnsdist).contains("setSecurityPollSuffix(\"\")", "useProxyProtocol=true");
        String backendIp = byName.get("Service/geodns-backend").at("/spec/clusterIP").asText();
        assertThat(dnsdist).contains("address=\"" + backendIp + ":8053\"");
    }

    @Test
    void everyDnsdistConfigurationInTheRepositoryTurnsTheSecurityPollOff() throws IOException {
        List<Path> configs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)
                    .filter(p -> !ROOT.relativize(p).toString().matches("(.*/)?(target|\\.git|node_modules)/.*"))::iterator) {
                String text;
                try {
                    text = Files.readString(p, StandardCharsets.UTF_8);
                } catch (MalformedInputException binary) {
                    continue;
                }
                if (text.contains("newServer") && !p.endsWith("DeployFilesTest.java")) {
                    configs.add(p);
                    assertThat(text.replace("\\\"", "\"")).as("%s turns the security poll off", ROOT.relativize(p))
                            .contains("setSecurityPollSuffix(\"\")");
                }
            }
        }
        assertThat(configs).as("dnsdist configurations found").extracting(p -> ROOT.relativize(p).toString())
                .contains("deploy/kubernetes/geodns.yaml", "server/README.md",
                        "server/src/test/java/dev/geodns/server/cluster/Dnsdist.java");
    }
}
