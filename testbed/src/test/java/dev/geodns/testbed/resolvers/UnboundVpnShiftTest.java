package dev.geodns.testbed.resolvers;

import static dev.geodns.testbed.resolvers.Lab.ask;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * vpn-shift through real unbound, no ECS: the emulator locates the resolver, so every client behind
 * the far (Seattle) resolver gets the Seattle-area front door, and the same clients behind a local
 * (Frankfurt) resolver get FRA.
 */
class UnboundVpnShiftTest {
    static final String NAME = "outlook.office365.com";
    static final String BERLIN_CLIENT = "127.0.6.77";
    static final String FRANKFURT_CLIENT = "127.0.1.77";

    @Test
    void clientsBehindFarResolverGetFarFrontDoorAndLocalResolverBringsThemHome() throws Exception {
        try (Lab lab = Lab.builtIn()) {
            ResolverProcess seattle = lab.start(lab.spec(ResolverKind.UNBOUND, "127.0.2.53"));
            ResolverProcess frankfurt = lab.start(lab.spec(ResolverKind.UNBOUND, "127.0.1.53"));
            ObservingClient dig = lab.client(StubClient.dig());

            ResolverAnswer berlinFar = ask(dig, seattle, BERLIN_CLIENT, NAME);
            assertThat(berlinFar.answer().ok()).as("%s", berlinFar).isTrue();
            assertThat(berlinFar.site()).isEqualTo("eat");
            assertThat(berlinFar.cacheHit()).isFalse();
            assertThat(berlinFar.ecsSeenByEmulator()).isEmpty();
            assertThat(berlinFar.upstream()).allSatisfy(e -> {
                assertThat(e.sender().getAddress()).isEqualTo(Lab.ip("127.0.2.53"));
                assertThat(e.ecs()).isNull();
            });
            assertThat(berlinFar.upstream()).anySatisfy(e -> assertThat(e.site()).isEqualTo("eat"));

            // Without ECS there is one answer for everybody behind the resolver: from its cache.
            ResolverAnswer frankfurtFar = ask(dig, seattle, FRANKFURT_CLIENT, NAME);
            assertThat(frankfurtFar.site()).isEqualTo("eat");
            assertThat(frankfurtFar.cacheHit()).isTrue();
            assertThat(frankfurtFar.upstream()).isEmpty();

            ResolverAnswer berlinHome = ask(dig, frankfurt, BERLIN_CLIENT, NAME);
            ResolverAnswer frankfurtHome = ask(dig, frankfurt, FRANKFURT_CLIENT, NAME);
            assertThat(berlinHome.site()).isEqualTo("fra");
            assertThat(berlinHome.cacheHit()).isFalse();
            assertThat(berlinHome.upstream()).allSatisfy(
                    e -> assertThat(e.sender().getAddress()).isEqualTo(Lab.ip("127.0.1.53")));
            assertThat(frankfurtHome.site()).isEqualTo("fra");
            assertThat(frankfurtHome.cacheHit()).isTrue();
        }
    }
}
