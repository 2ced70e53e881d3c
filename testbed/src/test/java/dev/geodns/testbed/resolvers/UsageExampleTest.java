package dev.geodns.testbed.resolvers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.Site;
import dev.geodns.server.GeoDnsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The usage example of README.md ("Real resolvers", "Using the package directly"), run as written. */
class UsageExampleTest {
    @Test
    void exampleRuns() throws Exception {
        EmulatorQueryLog log = new EmulatorQueryLog();
        try (GeoDnsServer server = GeoDnsServer.builder().world(WorldLoader.builtIn().withEcsEverywhere())
                .dns(new InetSocketAddress("127.0.0.1", 0)).observer(log).threads(2).start();
             ResolverProcess seattle = startOrSkip(
                ResolverSpec.forEmulator(ResolverKind.UNBOUND, InetAddress.getByName("127.0.2.60"), server)
                        .withEcs(EcsMode.CLIENT))) {
            ObservingClient dig = new ObservingClient(StubClient.dig(), log,
                    a -> Optional.ofNullable(server.current().snapshot().siteOfAddress(a)).map(Site::id).orElse(null));
            ResolverAnswer a;
            try {
                a = dig.ask(seattle, InetAddress.getByName("127.0.6.77"), "outlook.office365.com");
            } catch (ResolverUnavailableException e) {
                throw Lab.unavailable(e);
            }
            assertThat(a.site()).isEqualTo("fra");
            assertThat(a.cacheHit()).isFalse();
            assertThat(a.ecsSeenByEmulator()).containsExactly("127.0.6.0/24");
            assertThat(a.answer().cnameChain()).hasSize(3);
            assertThat(a.answer().addresses()).hasSize(4);
            assertThat(a.answer().addressTtl()).isBetween(0L, 10L);
        }
    }

    private static ResolverProcess startOrSkip(ResolverSpec spec) throws Exception {
        try {
            return ResolverProcess.start(spec);
        } catch (ResolverUnavailableException e) {
            throw Lab.unavailable(e);
        }
    }
}
