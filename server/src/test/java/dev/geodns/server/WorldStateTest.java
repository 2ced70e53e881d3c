package dev.geodns.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodns.config.ConfigError;
import dev.geodns.config.WorldException;
import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.World;
import dev.geodns.config.model.ZoneSpec;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

/** A world refused while the server compiles it names the world file's line and key path, not line 0. */
class WorldStateTest {
    @Test
    void anExtraZoneTakingARegionalNameIsRefusedWithItsLine() throws Exception {
        World world = WorldLoader.builtIn();
        Name origin = Name.fromString("ms-acdc.office.com.");
        ZoneSpec extra = new ZoneSpec(origin, Path.of("extra.zone"), List.of(
                new SOARecord(origin, DClass.IN, 60, Name.fromString("ns1.ms-acdc.office.com."),
                        Name.fromString("hostmaster.ms-acdc.office.com."), 1, 3600, 600, 86400, 60),
                new ARecord(Name.fromString("FRA-efz.ms-acdc.office.com."), DClass.IN, 60,
                        InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1}))));

        assertThatThrownBy(() -> WorldState.load(world, List.of(extra)))
                .isInstanceOfSatisfying(WorldException.class, e -> {
                    ConfigError error = e.errors().stream()
                            .filter(x -> x.reason().contains("FRA-efz.ms-acdc.office.com")).findFirst().orElseThrow();
                    assertThat(error.file()).isEqualTo(WorldLoader.BUILT_IN_LABEL);
                    assertThat(error.keyPath()).matches("services\\[\\d+]\\.regional\\.name");
                    assertThat(error.line()).isPositive();
                    assertThat(error.reason()).endsWith("also has records in zone file extra.zone");
                });
    }

    @Test
    void theBuiltInWorldLoadsAndItsCompiledFormIsServed() throws Exception {
        World world = WorldLoader.builtIn();
        WorldState state = WorldState.load(world, List.of());

        assertThat(state.current().snapshot().compiled().world()).isSameAs(world);
        assertThat(state.current().snapshot().siteOfAddress(world.site("fra").orElseThrow().ipv4().get(0)).id())
                .isEqualTo("fra");
    }
}
