package dev.geodns.testbed.resolvers;

import static dev.geodns.testbed.resolvers.Lab.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.World;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * outage through real unbound: after FRA is drained, a Frankfurt client behind a Frankfurt resolver
 * keeps getting FRA from the resolver's cache until the geo step's TTL runs out, then moves. The
 * built-in world with the exchange geo step and regional TTLs cut from 30 s and 10 s to 2 s keeps
 * the wait short.
 */
class UnboundOutageTest {
    static final String NAME = "outlook.office365.com";
    static final int TTL_SECONDS = 2;
    static final Duration POLL = Duration.ofMillis(100);
    static final Duration GIVE_UP = Duration.ofSeconds(TTL_SECONDS + 8);

    @Test
    void resolverKeepsDrainedSiteUntilTtlExpiresThenMoves() throws Exception {
        try (Lab lab = Lab.of(shortTtlWorld())) {
            ResolverProcess frankfurt = lab.start(lab.spec(ResolverKind.UNBOUND, "127.0.1.54"));
            ObservingClient dig = lab.client(StubClient.dig());

            // unbound counts TTLs in whole seconds of the wall clock: fill its cache just after a
            // second begins, so that the entry lives the full TTL and not up to a second less.
            long waitMs = 1000 - System.currentTimeMillis() % 1000;
            Thread.sleep(waitMs + 20);
            ResolverAnswer before = ask(dig, frankfurt, "127.0.1.77", NAME);
            long filled = System.nanoTime();
            assertThat(before.site()).as("%s", before).isEqualTo("fra");
            assertThat(before.cacheHit()).isFalse();
            assertThat(before.answer().cnameTtl("outlook.ms-acdc.office.com")).isEqualTo(TTL_SECONDS);

            assertThat(lab.server.drain("fra")).isTrue();
            int keptOld = 0;
            ResolverAnswer moved = null;
            long deadline = filled + GIVE_UP.toNanos();
            while (System.nanoTime() < deadline) {
                ResolverAnswer a = ask(dig, frankfurt, "127.0.1.77", NAME);
                if (a.site() != null && !a.site().equals("fra")) {
                    moved = a;
                    break;
                }
                assertThat(a.site()).as("before the move: %s", a).isEqualTo("fra");
                keptOld++;
                Thread.sleep(POLL.toMillis());
            }
            double tookSeconds = (System.nanoTime() - filled) / 1e9;
            System.out.printf("outage through unbound: FRA drained, the resolver kept FRA for %.2f s (%d answers),"
                    + " then moved to %s (TTL %d s)%n", tookSeconds, keptOld, moved == null ? "-" : moved.site(),
                    TTL_SECONDS);

            assertThat(moved).as("the resolver never moved within %s", GIVE_UP).isNotNull();
            assertThat(keptOld).as("answers that still said FRA after the drain").isPositive();
            assertThat(tookSeconds).isBetween(TTL_SECONDS - 0.5, TTL_SECONDS + 3.0);
            String movedTo = moved.site();
            assertThat(moved.cacheHit()).isFalse();
            assertThat(moved.upstream())
                    .filteredOn(e -> e.name().equals("outlook.ms-acdc.office.com."))
                    .singleElement()
                    .satisfies(e -> assertThat(e.site()).isEqualTo(movedTo));
        }
    }

    /** The built-in world with the exchange geo step and regional answer at {@value #TTL_SECONDS} s. */
    static World shortTtlWorld() throws Exception {
        String text;
        try (InputStream in = WorldLoader.class.getResourceAsStream(WorldLoader.BUILT_IN_RESOURCE)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String geo = "{owner: outlook.ms-acdc.office.com, target: \"{site}-efz.ms-acdc.office.com\", ttl: 30}";
        String regional = "regional: {name: \"{site}-efz.ms-acdc.office.com\", ttl: 10}";
        assertThat(text).contains(geo, regional);
        text = text.replace(geo, geo.replace("ttl: 30", "ttl: " + TTL_SECONDS))
                .replace(regional, regional.replace("ttl: 10", "ttl: " + TTL_SECONDS));
        return WorldLoader.parse(text, "office365-world-short-ttl.yaml", null);
    }
}
