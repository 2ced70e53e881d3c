package dev.geodns.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.config.LoopbackAnswerPlan;
import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.World;
import dev.geodns.server.admin.WorldSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loopback answer plan is applied at start and kept by every reload, only with {@code --front-doors}. */
class FrontDoorCliTest {
    @Test
    void reloadsKeepTheLoopbackPlan() throws Exception {
        FrontDoorCli on = new FrontDoorCli();
        on.enabled = true;
        World reloaded = on.answerPlan(WorldSource.files(null, List.of())).load().world();
        assertThat(reloaded.sites()).allSatisfy(s -> {
            assertThat(s.ipv4()).isNotEmpty().allSatisfy(a -> assertThat(LoopbackAnswerPlan.isLoopback(a)).isTrue());
            assertThat(s.ipv6()).isEmpty();
        });
        assertThat(on.answerPlan(WorldLoader.builtIn()).sites().get(0).ipv4().get(0).getHostAddress())
                .isEqualTo("127.64.0.1");
    }

    @Test
    void withoutFrontDoorsTheWorldIsUnchanged() throws Exception {
        FrontDoorCli off = new FrontDoorCli();
        World builtIn = WorldLoader.builtIn();
        assertThat(off.answerPlan(builtIn)).isSameAs(builtIn);
        assertThat(off.answerPlan(WorldSource.files(null, List.of())).load().world().sites().get(0).ipv4().get(0)
                .getHostAddress()).isEqualTo("198.18.0.1");
    }
}
