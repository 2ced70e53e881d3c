package dev.geodns.server.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.World;
import dev.geodns.server.GeoDnsServer;
import dev.geodns.server.routing.SiteTable;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared state file: format, atomic writes, two replicas, restarts, and files that are rejected. */
class SharedStateTest {
    @TempDir
    Path dir;
    final List<GeoDnsServer> servers = new CopyOnWriteArrayList<>();
    final List<String> log = new CopyOnWriteArrayList<>();

    static World world() throws Exception {
        return WorldLoader.load(Path.of(SharedStateTest.class.getResource("/worlds/test-world.yaml").toURI()));
    }

    GeoDnsServer replica(Path state) throws Exception {
        GeoDnsServer s = GeoDnsServer.builder().world(world()).dns(new InetSocketAddress("127.0.0.1", 0)).threads(1)
                .start();
        servers.add(s);
        s.shareState(state, log::add);
        return s;
    }

    @AfterEach
    void stop() {
        servers.forEach(GeoDnsServer::close);
    }

    static void within(long millis, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within %d ms", millis).isLessThan(end);
            Thread.sleep(20);
        }
    }

    @Test
    void parsesCommentsAndRejectsEveryErrorWithItsLine() throws Exception {
        SiteTable sites = SiteTable.of(world());
        assertThat(StateFile.parse("s", "# hello\n\ndrain fra   # Frankfurt\n  drain sea\n", sites))
                .containsExactly("fra", "sea");
        assertThat(StateFile.parse("s", "", sites)).isEmpty();
        assertThatThrownBy(() -> StateFile.parse("state.txt", "drain fra\nundrain sea\ndrain nowhere\ndrain\n"
                + "drain fra\ndrain sea", sites))
                .isInstanceOfSatisfying(StateFileException.class, e -> assertThat(e.errors()).containsExactly(
                        "state.txt:6: no line break after the last line (a half-written file?)",
                        "state.txt:2: unknown directive 'undrain' (expected: drain SITE-ID)",
                        "state.txt:3: no site 'nowhere' in the served world",
                        "state.txt:4: 'drain' takes exactly one site id",
                        "state.txt:5: site 'fra' is drained twice"));
        String written = StateFile.format(List.of("fra", "gru"));
        assertThat(StateFile.parse("s", written, sites)).containsExactly("fra", "gru");
    }

    @Test
    void aDrainOnOneReplicaIsServedByTheOtherWithinASecondAndSurvivesRestart() throws Exception {
        Path state = dir.resolve("state");
        GeoDnsServer a = replica(state);
        GeoDnsServer b = replica(state);
        assertThat(a.drain("fra")).isTrue();
        assertThat(Files.readString(state)).contains("drain fra\n");
        long t0 = System.nanoTime();
        within(1000, () -> b.drainedSites().contains("fra"));
        System.out.printf("drain seen by the other replica after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        // A change through b keeps a's: each change starts from the file.
        assertThat(b.drain("gru")).isTrue();
        within(1000, () -> a.drainedSites().equals(List.of("fra", "gru")));
        assertThat(dir.toFile().list()).as("no temporary file left behind").containsExactly("state");

        a.close();
        GeoDnsServer restarted = replica(state);
        assertThat(restarted.drainedSites()).containsExactly("fra", "gru");
        assertThat(restarted.restore("fra")).isTrue();
        within(1000, () -> b.drainedSites().equals(List.of("gru")));
    }

    @Test
    void aHandEditIsServedAndABrokenOneIsRejectedWhileTheLastGoodStateServes() throws Exception {
        Path state = dir.resolve("state");
        Files.writeString(state, "drain sin\n");
        GeoDnsServer a = replica(state);
        assertThat(a.drainedSites()).containsExactly("sin");
        Files.writeString(state, "drain syd\n");
        within(1000, () -> a.drainedSites().equals(List.of("syd")));

        Files.writeString(state, "drain fra\ndrain se"); // half-written: no final line break
        within(1000, () -> a.sharedState().lastError() != null);
        assertThat(a.drainedSites()).containsExactly("syd");
        assertThat(a.sharedState().lastError()).contains(state + ":2: no line break after the last line");
        assertThat(log).anyMatch(l -> l.contains("the last good state keeps serving"));

        Files.writeString(state, "drain fra\n");
        within(1000, () -> a.drainedSites().equals(List.of("fra")));
        assertThat(a.sharedState().lastError()).isNull();
        Files.delete(state);
        within(1000, () -> a.drainedSites().isEmpty());
    }

    @Test
    void aReplicaDoesNotStartOnABrokenFile() throws Exception {
        Path state = dir.resolve("state");
        Files.writeString(state, "drain atlantis\n");
        GeoDnsServer s = GeoDnsServer.builder().world(world()).dns(new InetSocketAddress("127.0.0.1", 0)).threads(1)
                .start();
        servers.add(s);
        assertThatThrownBy(() -> s.shareState(state, log::add)).isInstanceOf(StateFileException.class)
                .hasMessage(state + ":1: no site 'atlantis' in the served world");
    }

    @Test
    void aFileThatCannotBeWrittenChangesNothing() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path state = sub.resolve("state");
        Files.writeString(state, "drain sea\n");
        GeoDnsServer a = replica(state);
        // The directory becomes a plain file: no temporary file can be made there, even by root.
        Files.move(sub, dir.resolve("moved"));
        Files.writeString(sub, "not a directory");
        assertThatThrownBy(() -> a.drain("fra")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("state file");
        assertThat(a.drainedSites()).containsExactly("sea");
    }
}
