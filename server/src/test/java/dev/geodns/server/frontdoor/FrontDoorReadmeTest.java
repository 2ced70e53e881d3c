package dev.geodns.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every meter of {@link FrontDoorMetrics} is declared there and listed in this package's README. */
class FrontDoorReadmeTest {
    @Test
    void everyMeterIsDeclaredAndListed() throws Exception {
        Path readme = Path.of("src/main/java/dev/geodns/server/frontdoor/README.md");
        if (!Files.exists(readme)) {
            readme = Path.of("server").resolve(readme);
        }
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        FrontDoorMetrics metrics = new FrontDoorMetrics(registry);
        metrics.request("fra", Persona.EXCHANGE.tag(), RecentDecisions.Link.MATCHED, Duration.ofMillis(90));
        for (Meter m : registry.getMeters()) {
            assertThat(FrontDoorMetrics.NAMES).contains(m.getId().getName());
        }
        Matcher type = Pattern.compile("^# TYPE (\\S+) ", Pattern.MULTILINE).matcher(registry.scrape());
        int families = 0;
        while (type.find()) {
            families++;
            assertThat(text).as("README lists " + type.group(1)).contains("`" + type.group(1) + "`");
        }
        assertThat(families).isGreaterThanOrEqualTo(FrontDoorMetrics.NAMES.size());
    }
}
