package dev.geodns.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.server.cli.VersionProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The root README's two set-up commands stay true: the run command builds and starts the jar this
 * build makes, the test command is the one CI runs, and CI starts the run command's jar the same
 * way (its smoke test asks the started server a question on every JDK).
 */
class SetUpCommandsTest {
    private static final Path ROOT = Path.of("..");

    private static String read(String file) throws Exception {
        return Files.readString(ROOT.resolve(file), StandardCharsets.UTF_8);
    }

    /** The indented command that follows {@code intro} in the README. */
    private static String commandAfter(String readme, String intro) {
        Matcher m = Pattern.compile(Pattern.quote(intro) + "\\n\\n {4}(\\S[^\\n]*)\\n").matcher(readme);
        assertThat(m.find()).as("README has '%s' followed by an indented command", intro).isTrue();
        return m.group(1);
    }

    @Test
    void theRunCommandBuildsAndStartsTheServerJarOfThisVersion() throws Exception {
        String run = commandAfter(read("README.md"), "Build and run the emulator on its built-in Office 365 world:");
        String jar = "server/target/geodns-server-" + VersionProvider.version() + "-all.jar";
        assertThat(run).isEqualTo("mvn -B -q -DskipTests package && java -jar " + jar + " serve");
        assertThat(read(".ci/run")).as("CI starts the README's jar").contains("-jar " + jar + " serve");
    }

    @Test
    void theTestCommandIsWhatCiRuns() throws Exception {
        String test = commandAfter(read("README.md"), "Run the tests:");
        assertThat(test).isEqualTo("mvn -B verify");
        assertThat(read(".ci/run")).contains("JAVA_HOME=$jdk " + test + "\n");
    }
}
