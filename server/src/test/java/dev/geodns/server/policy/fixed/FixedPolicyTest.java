package dev.geodns.server.policy.fixed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.server.routing.DrainState;
import dev.geodns.server.policy.SiteChoice;
import dev.geodns.server.routing.SiteTable;
import dev.geodns.server.routing.TestWorlds;
import org.junit.jupiter.api.Test;

class FixedPolicyTest {
    private final SiteTable sites = SiteTable.of(TestWorlds.standard());
    private final DrainState drain = new DrainState(sites);
    private final FixedPolicy policy = new FixedPolicy(sites.require("dc-dub"));

    @Test
    void alwaysTheSameSiteForEveryone() {
        SiteChoice a = policy.choose(TestWorlds.SYDNEY, null, drain);
        SiteChoice b = policy.choose(null, null, drain);

        assertThat(sites.site(a.site()).id()).isEqualTo("dc-dub");
        assertThat(b.site()).isEqualTo(a.site());
        assertThat(a.dependsOnLocation()).isFalse();
        assertThat(a.allDrained()).isFalse();
    }

    @Test
    void aDrainedFixedSiteStillAnswersAndTheChoiceSaysSo() {
        drain.drain("dc-dub");

        SiteChoice choice = policy.choose(TestWorlds.SYDNEY, null, drain);

        assertThat(sites.site(choice.site()).id()).isEqualTo("dc-dub");
        assertThat(choice.allDrained()).isTrue();
        assertThat(choice.drainedSkipped()).containsExactly(sites.require("dc-dub"));
    }
}
