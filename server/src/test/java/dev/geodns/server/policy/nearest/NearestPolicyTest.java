package dev.geodns.server.policy.nearest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodns.config.model.Continent;
import dev.geodns.config.model.Place;
import dev.geodns.config.model.World;
import dev.geodns.server.routing.DrainState;
import dev.geodns.server.policy.SiteChoice;
import dev.geodns.server.routing.SiteTable;
import dev.geodns.server.routing.TestWorlds;
import java.util.List;
import org.junit.jupiter.api.Test;

class NearestPolicyTest {
    private static final Place EQUATOR_ZERO = new Place(null, null, Continent.AF, 0, 0);

    // Two sites equally far east and west of (0, 0), listed with the larger id first.
    private final World world = TestWorlds.builder()
            .frontDoor("fd-west", "WST", "worldwide", new Place("West", null, Continent.AF, 0, -10))
            .frontDoor("fd-east", "EST", "worldwide", new Place("East", null, Continent.AF, 0, 10))
            .frontDoor("fd-fra", "FRA", "worldwide", TestWorlds.FRANKFURT)
            .build();
    private final SiteTable sites = SiteTable.of(world);
    private final DrainState drain = new DrainState(sites);
    private final NearestPolicy policy =
            new NearestPolicy(sites.sites(), new int[] {0, 1, 2}, List.of(TestWorlds.FRANKFURT), 16);

    private String chosen(Place from) {
        return sites.site(policy.choose(from, null, drain).site()).id();
    }

    @Test
    void nearestSiteWins() {
        assertThat(chosen(TestWorlds.FRANKFURT)).isEqualTo("fd-fra");
        assertThat(chosen(new Place(null, null, Continent.AF, 1, 12))).isEqualTo("fd-east");
    }

    @Test
    void equalDistancesGoToTheSmallerSiteId() {
        SiteChoice choice = policy.choose(EQUATOR_ZERO, null, drain);

        assertThat(sites.site(choice.site()).id()).isEqualTo("fd-east");
        assertThat(choice.candidates()).extracting(i -> sites.site(i).id())
                .containsExactly("fd-east", "fd-west", "fd-fra");
        assertThat(choice.dependsOnLocation()).isTrue();
    }

    @Test
    void drainedSitesAreSkippedInDistanceOrder() {
        drain.drain("fd-fra");

        SiteChoice choice = policy.choose(TestWorlds.FRANKFURT, null, drain);

        assertThat(sites.site(choice.site()).id()).isEqualTo("fd-east"); // 0N 10E is nearer Frankfurt than 0N 10W
        assertThat(choice.position()).isEqualTo(1);
        assertThat(choice.drainedSkipped()).containsExactly(sites.require("fd-fra"));
        assertThat(choice.allDrained()).isFalse();
    }

    @Test
    void allDrainedAnswersTheNearestAnyway() {
        drain.drain("fd-fra");
        drain.drain("fd-east");
        drain.drain("fd-west");

        SiteChoice choice = policy.choose(TestWorlds.FRANKFURT, null, drain);

        assertThat(sites.site(choice.site()).id()).isEqualTo("fd-fra");
        assertThat(choice.allDrained()).isTrue();
        assertThat(choice.drainedSkipped()).hasSize(3);
    }

    @Test
    void noPlaceMeansFileOrder() {
        assertThat(chosen(null)).isEqualTo("fd-west");
    }

    @Test
    void knownPlacesAreRankedOnceAndShared() {
        SiteChoice first = policy.ranking(TestWorlds.FRANKFURT);
        SiteChoice again = policy.ranking(new Place("Frankfurt", "DE", Continent.EU, 50.11, 8.68)); // equal record

        assertThat(again).isSameAs(first);
        // with nothing drained, choosing allocates nothing: the kept choice itself is returned
        assertThat(policy.choose(TestWorlds.FRANKFURT, null, drain)).isSameAs(first);
    }

    @Test
    void learnedPlacesAreCachedAndTheCacheIsBounded() {
        NearestPolicy small = new NearestPolicy(sites.sites(), new int[] {0, 1, 2}, List.of(), 2);
        Place a = new Place(null, null, Continent.AF, 1, 1);

        SiteChoice first = small.ranking(a);
        assertThat(small.ranking(a)).isSameAs(first);
        for (int i = 0; i < 10; i++) {
            small.ranking(new Place(null, null, Continent.AF, 2, i));
        }
        SiteChoice again = small.ranking(a);
        assertThat(again).isNotSameAs(first); // recomputed after eviction,
        assertThat(again.candidates()).isEqualTo(first.candidates()); // same answer
    }

    @Test
    void aPolicyWithoutCandidatesIsRefused() {
        assertThatThrownBy(() -> new NearestPolicy(sites.sites(), new int[0], List.of(), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneCandidateDoesNotDependOnLocation() {
        NearestPolicy one = new NearestPolicy(sites.sites(), new int[] {2}, List.of(), 1);
        assertThat(one.choose(EQUATOR_ZERO, null, drain).dependsOnLocation()).isFalse();
    }
}
