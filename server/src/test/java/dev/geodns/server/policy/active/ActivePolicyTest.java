package dev.geodns.server.policy.active;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodns.config.model.Basis;
import dev.geodns.config.model.Tenant;
import dev.geodns.config.model.World;
import dev.geodns.server.routing.DrainState;
import dev.geodns.server.policy.SiteChoice;
import dev.geodns.server.routing.SiteTable;
import dev.geodns.server.routing.TestWorlds;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivePolicyTest {
    private final World world = TestWorlds.standard();
    private final SiteTable sites = SiteTable.of(world);
    private final DrainState drain = new DrainState(sites);
    private final Tenant fabrikam = world.tenant("fabrikam").orElseThrow();
    private final ActivePolicy policy = new ActivePolicy(Map.of("fabrikam",
            new int[] {sites.require("dc-ams"), sites.require("dc-dub"), sites.require("dc-chi")}));

    private String chosen() {
        return sites.site(policy.choose(TestWorlds.SYDNEY, fabrikam, drain).site()).id();
    }

    @Test
    void homeWhereverTheAskerIs() {
        SiteChoice fromSydney = policy.choose(TestWorlds.SYDNEY, fabrikam, drain);
        SiteChoice nowhere = policy.choose(null, fabrikam, drain);

        assertThat(sites.site(fromSydney.site()).id()).isEqualTo("dc-ams");
        assertThat(nowhere.site()).isEqualTo(fromSydney.site());
        assertThat(fromSydney.dependsOnLocation()).isFalse();
    }

    @Test
    void failoversInOrderWhenDrained() {
        drain.drain("dc-ams");
        assertThat(chosen()).isEqualTo("dc-dub");
        drain.drain("dc-dub");
        assertThat(chosen()).isEqualTo("dc-chi");
        drain.restore("dc-ams");
        assertThat(chosen()).isEqualTo("dc-ams");
    }

    @Test
    void allDrainedAnswersHomeAndSaysSo() {
        drain.drain("dc-ams");
        drain.drain("dc-dub");
        drain.drain("dc-chi");

        SiteChoice choice = policy.choose(null, fabrikam, drain);

        assertThat(sites.site(choice.site()).id()).isEqualTo("dc-ams");
        assertThat(choice.allDrained()).isTrue();
    }

    @Test
    void unknownOrMissingTenantIsRefused() {
        Tenant stranger = new Tenant("stranger", "worldwide", "dc-ams", List.of(), null, List.of(), Basis.FOUND);

        assertThat(policy.serves(fabrikam)).isTrue();
        assertThat(policy.serves(stranger)).isFalse();
        assertThat(policy.serves(null)).isFalse();
        assertThatThrownBy(() -> policy.choose(null, stranger, drain)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.choose(null, null, drain)).isInstanceOf(IllegalArgumentException.class);
    }
}
