package dev.geodns.testbed.resolvers;

import static dev.geodns.testbed.resolvers.Lab.ask;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The vpn scenario through real dnsmasq, a forwarder: without ECS the Berlin client gets the
 * Seattle forwarder's front door (and later clients get it from dnsmasq's cache); with
 * {@code add-subnet} the emulator receives the client's /24 and dnsmasq stops caching altogether.
 */
class DnsmasqTest {
    static final String NAME = "outlook.office365.com";

    @Test
    void withoutEcsTheForwarderIsLocatedAndWithAddSubnetTheClientButNothingIsCached() throws Exception {
        try (Lab lab = Lab.builtIn()) {
            ResolverProcess plain = lab.start(lab.spec(ResolverKind.DNSMASQ, "127.0.2.58"));
            ResolverProcess ecs = lab.start(lab.spec(ResolverKind.DNSMASQ, "127.0.2.59").withEcs(EcsMode.CLIENT));
            ObservingClient dig = lab.client(StubClient.dig());

            ResolverAnswer far = ask(dig, plain, "127.0.6.77", NAME);
            assertThat(far.answer().ok()).as("%s", far).isTrue();
            assertThat(far.site()).isEqualTo("eat");
            assertThat(far.cacheHit()).isFalse();
            assertThat(far.ecsSeenByEmulator()).isEmpty();
            assertThat(far.upstream()).allSatisfy(
                    e -> assertThat(e.sender().getAddress()).isEqualTo(Lab.ip("127.0.2.58")));
            assertThat(ask(dig, plain, "127.0.1.77", NAME).cacheHit()).isTrue();
            plain.flushCache();
            assertThat(ask(dig, plain, "127.0.1.77", NAME).cacheHit()).isFalse();

            ResolverAnswer home = ask(dig, ecs, "127.0.6.77", NAME);
            assertThat(home.answer().ok()).as("%s", home).isTrue();
            assertThat(home.site()).isEqualTo("fra");
            assertThat(home.ecsSeenByEmulator()).containsExactly("127.0.6.0/24");
            assertThat(home.ecsScopesReturned()).contains(24);
            assertThat(ask(dig, ecs, "127.0.6.77", NAME)).satisfies(again -> {
                assertThat(again.site()).isEqualTo("fra");
                assertThat(again.cacheHit()).as("add-subnet turns dnsmasq's cache off").isFalse();
            });
            assertThat(ask(dig, ecs, "127.0.4.77", NAME).site()).isEqualTo("syd");
        }
    }
}
