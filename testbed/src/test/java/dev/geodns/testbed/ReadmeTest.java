package dev.geodns.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.testbed.scenario.Scenario;
import dev.geodns.testbed.scenario.ScenarioLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's examples are real: the client project's pom and test are the files of
 * {@code examples/junit-client} (which the build runs), the scenario example loads.
 */
class ReadmeTest {
    private static final Pattern EXAMPLE = Pattern.compile("<!-- example: (\\S+) -->\\n```(?:java|xml)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern SCENARIO = Pattern.compile("<!-- scenario-example -->\\n```yaml\\n(.*?)```", Pattern.DOTALL);

    private static String readme() throws Exception {
        return Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    }

    @Test
    void clientExampleIsTheExampleProjectVerbatim() throws Exception {
        Matcher m = EXAMPLE.matcher(readme());
        List<String> files = new ArrayList<>();
        while (m.find()) {
            files.add(m.group(1));
            assertThat(m.group(2)).as(m.group(1)).isEqualTo(Files.readString(Path.of(m.group(1)), StandardCharsets.UTF_8));
        }
        assertThat(files).containsExactly("../examples/junit-client/pom.xml",
                "../examples/junit-client/src/test/java/com/example/lab/FrontDoorTest.java");
    }

    @Test
    void scenarioExampleLoads() throws Exception {
        Matcher m = SCENARIO.matcher(readme());
        assertThat(m.find()).isTrue();
        Scenario s = ScenarioLoader.parse(m.group(1), "README.md", Path.of("."));
        assertThat(s.name()).isEqualTo("my-lab");
        assertThat(s.rounds()).isEqualTo(3);
        assertThat(s.events()).hasSize(2);
        assertThat(s.expectations()).singleElement().satisfies(e -> assertThat(e.sites()).containsExactly("eat", "sjc"));
        assertThat(s.client("alice").orElseThrow().lookups()).hasSize(5);
    }
}
