package dev.geodns.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * Every meter the server registers is declared in its component's class and listed in the
 * "Metrics" section of {@code server/README.md} under the name Prometheus shows.
 */
class MetricsReadmeTest {
    private static final Pattern TYPE_LINE = Pattern.compile("^# TYPE (\\S+) (\\S+)$", Pattern.MULTILINE);

    private static String metricsSection() throws Exception {
        Path readme = Path.of("README.md");
        if (!Files.exists(readme)) {
            readme = Path.of("server", "README.md");
        }
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int start = text.indexOf("\n## Metrics\n");
        assertThat(start).as("README has a Metrics section").isNotNegative();
        int end = text.indexOf("\n## ", start + 1);
        return end < 0 ? text.substring(start) : text.substring(start, end);
    }

    @Test
    void everyRegisteredMeterIsDeclaredAndListedInTheReadme() throws Exception {
        String section = metricsSection();
        try (MetricsServer s = new MetricsServer()) {
            new WorldMetrics(s.metrics.registry(), s.server::current, () -> s.server.worldState().drain());
            new DecisionLogMetrics(s.metrics.registry(), () -> 0);
            new FaultMetrics(s.metrics.registry(), new dev.geodns.server.faults.FaultRules());
            // Meters registered on first use: a routed answer and a query.
            s.ask("127.0.1.1", false, "outlook.office365.com", Type.A, null);

            Set<String> registered = new LinkedHashSet<>();
            for (Meter m : s.meters()) {
                registered.add(m.getId().getName());
            }
            assertThat(ServerMetrics.meterNames()).as("declared names").doesNotHaveDuplicates();
            assertThat(registered).as("every registered meter is declared in a component class")
                    .isSubsetOf(ServerMetrics.meterNames());
            assertThat(registered).as("every declared meter was registered here, so the scrape below sees it")
                    .containsExactlyInAnyOrderElementsOf(ServerMetrics.meterNames());

            List<String> families = new ArrayList<>();
            Matcher m = TYPE_LINE.matcher(s.metrics.scrape());
            while (m.find()) {
                families.add(m.group(1));
            }
            assertThat(families).hasSizeGreaterThanOrEqualTo(registered.size());
            for (String family : families) {
                assertThat(section).as("README Metrics section lists " + family).contains("`" + family + "`");
            }
        }
    }

    @Test
    void noTagHoldsAnAddressOrAName() throws Exception {
        try (MetricsServer s = new MetricsServer()) {
            s.ask("127.0.1.1", false, "outlook.office365.com", Type.A, null);
            s.ask("127.0.2.1", false, "nosuch.example.org", Type.A, null);
            for (Meter meter : s.meters()) {
                meter.getId().getTags().forEach(tag -> assertThat(tag.getValue())
                        .as(meter.getId().toString())
                        .doesNotContain("127.0.")
                        .doesNotContain("example.org"));
            }
        }
    }
}
