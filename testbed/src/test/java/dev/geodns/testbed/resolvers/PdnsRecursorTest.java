package dev.geodns.testbed.resolvers;

import static dev.geodns.testbed.resolvers.Lab.ask;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The vpn scenario through real pdns-recursor, asked with kdig: without ECS the Berlin client gets
 * the Seattle resolver's front door; with ECS (and the generated {@code ecs-add-for}, without which
 * pdns sends its own address/32 for loopback clients) the emulator receives the client's /24.
 */
class PdnsRecursorTest {
    static final String NAME = "outlook.office365.com";

    @Test
    void withoutEcsTheResolverIsLocatedAndWithEcsTheClient() throws Exception {
        try (Lab lab = Lab.builtIn()) {
            ResolverProcess plain = lab.start(lab.spec(ResolverKind.PDNS_RECURSOR, "127.0.2.55"));
            ResolverProcess ecs = lab.start(lab.spec(ResolverKind.PDNS_RECURSOR, "127.0.2.56").withEcs(EcsMode.CLIENT));
            ObservingClient kdig = lab.client(StubClient.kdig());

            ResolverAnswer far = ask(kdig, plain, "127.0.6.77", NAME);
            assertThat(far.answer().ok()).as("%s", far).isTrue();
            assertThat(far.site()).isEqualTo("eat");
            assertThat(far.ecsSeenByEmulator()).isEmpty();
            assertThat(far.cacheHit()).isFalse();
            assertThat(ask(kdig, plain, "127.0.1.77", NAME)).satisfies(a -> {
                assertThat(a.site()).isEqualTo("eat");
                assertThat(a.cacheHit()).isTrue();
            });

            ResolverAnswer home = ask(kdig, ecs, "127.0.6.77", NAME);
            assertThat(home.answer().ok()).as("%s", home).isTrue();
            assertThat(home.site()).isEqualTo("fra");
            assertThat(home.cacheHit()).isFalse();
            assertThat(home.ecsSeenByEmulator()).containsExactly("127.0.6.0/24");
            assertThat(home.ecsScopesReturned()).contains(24);
            assertThat(home.upstream()).allSatisfy(
                    e -> assertThat(e.sender().getAddress()).isEqualTo(Lab.ip("127.0.2.56")));

            ResolverAnswer sydney = ask(kdig, ecs, "127.0.4.77", NAME);
            assertThat(sydney.site()).isEqualTo("syd");
            assertThat(sydney.cacheHit()).isFalse();

            // Berlin's neighbour (same /24): the routed steps come from pdns's per-/24 cache. Only the
            // regional name is asked again: pdns 4.8 never finds A records again that came inside a
            // scope-24 CNAME answer, and re-asks the CNAME target on every resolution.
            ResolverAnswer neighbour = ask(kdig, ecs, "127.0.6.78", NAME);
            assertThat(neighbour.site()).isEqualTo("fra");
            assertThat(neighbour.upstream()).extracting(EmulatorQueryLog.Entry::name)
                    .doesNotContain(NAME + ".", "outlook.ha.office365.com.", "outlook.ms-acdc.office.com.")
                    .allMatch(n -> n.equals("fra-efz.ms-acdc.office.com."));

            ecs.flushCache();
            assertThat(ask(kdig, ecs, "127.0.6.77", NAME).cacheHit()).isFalse();
        }
    }
}
