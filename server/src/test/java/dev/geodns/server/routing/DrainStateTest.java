package dev.geodns.server.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodns.config.model.World;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class DrainStateTest {
    private final SiteTable table = SiteTable.of(TestWorlds.standard());
    private final DrainState drain = new DrainState(table);

    @Test
    void drainAndRestoreFlipOneSiteAndSayWhetherTheyChangedIt() {
        int fra = table.require("fd-fra");

        assertThat(drain.isDrained(fra)).isFalse();
        assertThat(drain.drain("fd-fra")).isTrue();
        assertThat(drain.drain("fd-fra")).isFalse();
        assertThat(drain.isDrained(fra)).isTrue();
        assertThat(drain.isDrained("fd-fra")).isTrue();
        assertThat(drain.drainedIds()).containsExactly("fd-fra");
        assertThat(drain.restore("fd-fra")).isTrue();
        assertThat(drain.restore("fd-fra")).isFalse();
        assertThat(drain.isDrained(fra)).isFalse();
        assertThat(drain.drainedIds()).isEmpty();
    }

    @Test
    void unknownSiteIsAnIllegalArgument() {
        assertThatThrownBy(() -> drain.drain("nowhere"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nowhere");
        assertThatThrownBy(() -> drain.restore("nowhere")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void carryOverKeepsDrainsOfSitesThatStillExist() {
        drain.drain("fd-fra");
        drain.drain("dc-chi");
        // The new world drops dc-chi and puts the sites in another order.
        World next = TestWorlds.builder()
                .frontDoor("fd-new", "NEW", "worldwide", TestWorlds.SYDNEY)
                .frontDoor("fd-fra", "FRA", "worldwide", TestWorlds.FRANKFURT)
                .build();
        SiteTable nextTable = SiteTable.of(next);

        DrainState carried = drain.carryOver(nextTable);

        assertThat(carried.table()).isSameAs(nextTable);
        assertThat(carried.drainedIds()).containsExactly("fd-fra");
        assertThat(carried.isDrained(nextTable.require("fd-fra"))).isTrue();
        assertThat(carried.isDrained(nextTable.require("fd-new"))).isFalse();
        // The old state is untouched and independent.
        carried.restore("fd-fra");
        assertThat(drain.drainedIds()).containsExactly("fd-fra", "dc-chi");
    }

    @Test
    void moreThanSixtyFourSitesUseMoreWords() {
        TestWorlds b = TestWorlds.builder();
        for (int i = 0; i < 130; i++) {
            b.frontDoor("fd-" + i, "S" + i, "worldwide", TestWorlds.SEATTLE);
        }
        SiteTable big = SiteTable.of(b.build());
        DrainState d = new DrainState(big);

        d.drain("fd-0");
        d.drain("fd-64");
        d.drain("fd-129");

        assertThat(d.drainedIds()).containsExactly("fd-0", "fd-64", "fd-129");
        assertThat(d.isDrained(1)).isFalse();
        assertThat(d.isDrained(65)).isFalse();
    }

    @Test
    void concurrentDrainsOfSitesSharingAWordAreNotLost() throws Exception {
        List<Thread> threads = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < table.size(); i++) {
            String id = table.site(i).id();
            threads.add(new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int k = 0; k < 1000; k++) {
                    drain.drain(id);
                    drain.restore(id);
                }
                drain.drain(id);
            }));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(drain.drainedIds()).hasSize(table.size());
    }
}
