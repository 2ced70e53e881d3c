package dev.geodns.server.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodns.config.model.World;
import org.junit.jupiter.api.Test;

class SiteTableTest {
    private final World world = TestWorlds.standard();
    private final SiteTable table = SiteTable.of(world);

    @Test
    void sitesAreNumberedInFileOrder() {
        assertThat(table.size()).isEqualTo(world.sites().size());
        for (int i = 0; i < table.size(); i++) {
            assertThat(table.site(i)).isSameAs(world.sites().get(i));
            assertThat(table.indexOf(world.sites().get(i).id())).isEqualTo(i);
        }
    }

    @Test
    void unknownIdIsMinusOneOrAnError() {
        assertThat(table.indexOf("nowhere")).isEqualTo(-1);
        assertThat(table.indexOf(null)).isEqualTo(-1);
        assertThatThrownBy(() -> table.require("nowhere"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nowhere");
    }

    @Test
    void duplicateIdsAreRefused() {
        World w = TestWorlds.builder()
                .frontDoor("fd-a", "AAA", "worldwide", TestWorlds.SEATTLE)
                .frontDoor("fd-a", "AAB", "worldwide", TestWorlds.SYDNEY)
                .build();
        assertThatThrownBy(() -> SiteTable.of(w)).hasMessageContaining("fd-a");
    }
}
