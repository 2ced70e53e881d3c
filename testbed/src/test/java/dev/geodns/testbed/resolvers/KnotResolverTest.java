package dev.geodns.testbed.resolvers;

import static dev.geodns.testbed.resolvers.Lab.ask;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The vpn scenario through real kresd (no ECS in 5.x), asked with dnsjava, with a {@link WireTap}
 * between kresd and the emulator: kresd randomises the case of the names it sends (DNS 0x20), and
 * the emulator still answers each one (it matches case-insensitively and copies the question's case,
 * which kresd checks).
 */
class KnotResolverTest {
    static final String NAME = "outlook.office365.com";

    @Test
    void resolverLocationDecidesAndRandomisedCaseIsAnswered() throws Exception {
        try (Lab lab = Lab.builtIn()) {
            InetSocketAddress emulator = lab.spec(ResolverKind.KNOT_RESOLVER, "127.0.2.57").upstream();
            WireTap tap = lab.own(WireTap.start(new InetSocketAddress("127.0.0.1", 0), emulator));
            ResolverProcess seattle = lab.start(lab.spec(ResolverKind.KNOT_RESOLVER, "127.0.2.57")
                    .withUpstream(tap.address()));
            ResolverProcess frankfurt = lab.start(lab.spec(ResolverKind.KNOT_RESOLVER, "127.0.1.57")
                    .withUpstream(tap.address()));
            ObservingClient dnsjava = lab.client(StubClient.dnsjava());

            ResolverAnswer far = ask(dnsjava, seattle, "127.0.6.77", NAME);
            assertThat(far.answer().ok()).as("%s", far).isTrue();
            assertThat(far.site()).isEqualTo("eat");
            assertThat(far.cacheHit()).isFalse();
            assertThat(far.ecsSeenByEmulator()).isEmpty();
            assertThat(far.upstream()).allSatisfy(e -> {
                assertThat(e.sender().getAddress()).isEqualTo(Lab.ip("127.0.2.57"));
                assertThat(e.rcode()).isZero();
            });
            assertThat(ask(dnsjava, seattle, "127.0.1.77", NAME).cacheHit()).isTrue();

            ResolverAnswer home = ask(dnsjava, frankfurt, "127.0.6.77", NAME);
            assertThat(home.site()).isEqualTo("fra");
            assertThat(home.cacheHit()).isFalse();

            // On the wire: the names kresd sent, case randomised; the emulator answered every one.
            List<String> sent = tap.tapped().stream()
                    .filter(t -> StubAnswer.norm(t.name()).equals(NAME + "."))
                    .map(WireTap.Tapped::name)
                    .toList();
            assertThat(sent).hasSize(2).anySatisfy(n -> assertThat(WireTap.mixedCase(n)).isTrue());
            assertThat(lab.log.all()).filteredOn(e -> e.name().equals(NAME + "."))
                    .hasSameSizeAs(sent)
                    .allSatisfy(e -> assertThat(e.rcode()).isZero());

            seattle.flushCache();
            assertThat(ask(dnsjava, seattle, "127.0.6.77", NAME).cacheHit()).isFalse();
        }
    }
}
