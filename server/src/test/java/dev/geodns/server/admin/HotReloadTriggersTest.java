package dev.geodns.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.geodns.server.metrics.WorldMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The reload triggers other than the API: {@code --watch} (file changes, debounced) and SIGHUP. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HotReloadTriggersTest {
    @TempDir
    Path dir;
    AdminFixture f;

    @BeforeEach
    void start() throws Exception {
        f = AdminFixture.start(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private String aliasAddress() throws Exception {
        return f.query("alias.example.org", Type.A, "127.0.0.1").getSection(Section.ANSWER).stream()
                .filter(r -> r.getType() == Type.A).map(Record::rdataToString).findFirst().orElse(null);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void watchReloadsWhenTheWorldOrAZoneFileChangesAndRejectsABrokenOne() throws Exception {
        try (WorldFileWatcher watcher = WorldFileWatcher.start(f.reloader, Duration.ofMillis(300))) {
            assertThat(watcher.files()).contains(dir.resolve(OpsWorlds.WORLD).toAbsolutePath(),
                    dir.resolve(OpsWorlds.ZONE).toAbsolutePath());

            OpsWorlds.writeB(dir);
            await(() -> f.server.current().generation() == 2);
            assertThat(aliasAddress()).isEqualTo("192.0.2.2");
            // One save of two files is one reload (debounced), not two.
            Thread.sleep(900);
            assertThat(f.server.current().generation()).isEqualTo(2);

            OpsWorlds.writeBrokenZone(dir);
            await(() -> f.log.stream().anyMatch(l -> l.startsWith("reload (watch) rejected")));
            assertThat(f.server.current().generation()).isEqualTo(2);
            assertThat(aliasAddress()).isEqualTo("192.0.2.2");
            assertThat(f.metrics.scrape()).contains("geodns_world_reloads_total{result=\"failed\",trigger=\"watch\"} 1.0");
        }
    }

    @Test
    void sighupReloads() throws Exception {
        String problem = HupSignal.install(() -> f.reloader.reloadLater(WorldMetrics.Trigger.SIGNAL));
        assumeTrue(problem == null, "SIGHUP handling unavailable here: " + problem);
        OpsWorlds.writeB(dir);
        HupSignal.raise();
        await(() -> f.server.current().generation() == 2);
        assertThat(aliasAddress()).isEqualTo("192.0.2.2");
        assertThat(f.metrics.scrape()).contains("geodns_world_reloads_total{result=\"ok\",trigger=\"signal\"} 1.0");
    }
}
