package dev.geodns.testbed.resolvers;

import static dev.geodns.testbed.resolvers.Lab.ask;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * vpn-ecs through real unbound with its subnetcache module: the client's /24 brings a Berlin client
 * behind the Seattle resolver back to a European front door; the scope the emulator returns makes
 * unbound cache per /24, and a location-independent answer (scope 0) is cached once for everybody.
 */
class UnboundEcsTest {
    static final String NAME = "outlook.office365.com";
    static final String TENANT = "contoso.sharepoint.com";

    @Test
    void clientSubnetBringsClientHomeAndScopeDrivesTheCache() throws Exception {
        try (Lab lab = Lab.builtIn()) {
            ResolverProcess seattle = lab.start(lab.spec(ResolverKind.UNBOUND, "127.0.2.54").withEcs(EcsMode.CLIENT));
            ObservingClient dig = lab.client(StubClient.dig());

            ResolverAnswer berlin = ask(dig, seattle, "127.0.6.77", NAME);
            assertThat(berlin.answer().ok()).as("%s", berlin).isTrue();
            assertThat(berlin.site()).isEqualTo("fra");
            assertThat(berlin.cacheHit()).isFalse();
            assertThat(berlin.ecsSeenByEmulator()).containsExactly("127.0.6.0/24");
            assertThat(berlin.upstream())
                    .filteredOn(e -> e.name().equals("outlook.ms-acdc.office.com."))
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.ecs()).isEqualTo("127.0.6.0/24");
                        assertThat(e.ecsScope()).isEqualTo(24);
                        assertThat(e.site()).isEqualTo("fra");
                        assertThat(e.sender().getAddress()).isEqualTo(Lab.ip("127.0.2.54"));
                    });

            // Another /24 behind the same resolver: scope 24 kept the Berlin answer to 127.0.6.0/24.
            ResolverAnswer sydney = ask(dig, seattle, "127.0.4.77", NAME);
            assertThat(sydney.site()).isEqualTo("syd");
            assertThat(sydney.cacheHit()).isFalse();
            assertThat(sydney.ecsSeenByEmulator()).containsExactly("127.0.4.0/24");
            assertThat(sydney.ecsScopesReturned()).contains(24);

            // A neighbour in Berlin's /24 shares its cache entry.
            ResolverAnswer berlinNeighbour = ask(dig, seattle, "127.0.6.78", NAME);
            assertThat(berlinNeighbour.site()).isEqualTo("fra");
            assertThat(berlinNeighbour.cacheHit()).isTrue();

            // Scope 0 (active routing, location does not matter): cached once for everybody.
            ResolverAnswer tenantBerlin = ask(dig, seattle, "127.0.6.77", TENANT);
            ResolverAnswer tenantSydney = ask(dig, seattle, "127.0.4.77", TENANT);
            assertThat(tenantBerlin.site()).isEqualTo("us-boydton");
            assertThat(tenantBerlin.cacheHit()).isFalse();
            assertThat(tenantBerlin.ecsScopesReturned()).containsOnly(0);
            assertThat(tenantSydney.site()).isEqualTo("us-boydton");
            assertThat(tenantSydney.cacheHit()).isTrue();
            assertThat(lab.log.count(TENANT)).isEqualTo(1);

            // flushCache empties the subnet cache too.
            seattle.flushCache();
            ResolverAnswer afterFlush = ask(dig, seattle, "127.0.6.77", NAME);
            assertThat(afterFlush.site()).isEqualTo("fra");
            assertThat(afterFlush.cacheHit()).isFalse();
        }
    }
}
