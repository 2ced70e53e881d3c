package dev.geodns.testbed.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.config.WorldCompiler;
import dev.geodns.config.WorldLoader;
import dev.geodns.config.compiled.CompiledWorld;
import dev.geodns.config.model.Cidr;
import dev.geodns.server.GeoDnsServer;
import dev.geodns.testbed.scenario.Ecs;
import dev.geodns.testbed.scenario.ResolverSpec;
import dev.geodns.testbed.scenario.Where;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class EmulatedResolverTest {
    private static GeoDnsServer server;
    private static CompiledWorld sites;

    @BeforeAll
    static void start() throws Exception {
        // ECS honoured everywhere (serve --ecs-everywhere): the built-in world's Exchange is resolver-only
        server = GeoDnsServer.builder().world(WorldLoader.builtIn().withEcsEverywhere()).dns(new InetSocketAddress("127.0.0.1", 0))
                .threads(1).start();
        sites = WorldCompiler.compile(WorldLoader.builtIn());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static EmulatedResolver resolver(String address, boolean cache, Ecs ecs) throws Exception {
        ResolverSpec spec = new ResolverSpec("r", ResolverSpec.Kind.LOCAL, new Where("x", 0, 0, null),
                InetAddress.getByName(address), ecs, cache, null, null, null);
        return new EmulatedResolver(spec, new DnsAsker(server.dnsAddresses().get(0), Duration.ofSeconds(3)));
    }

    @Test
    void resolverSourceAddressDecidesTheFrontDoor() throws Exception {
        Resolution tokyo = resolver("127.0.9.53", false, Ecs.NONE).resolve("outlook.office365.com.", Type.A, null, 0);
        assertThat(sites.siteOf(tokyo.addresses()).id()).isEqualTo("nrt");
        assertThat(tokyo.steps()).singleElement().satisfies(s -> {
            assertThat(s.fromCache()).isFalse();
            assertThat(s.source()).isEqualTo("127.0.9.53");
            assertThat(s.answers()).extracting(Step.Answer::type).containsExactly("CNAME", "CNAME", "CNAME", "A", "A",
                    "A", "A");
        });
    }

    @Test
    void cachedAnswersAgeOnTheVirtualClock() throws Exception {
        EmulatedResolver r = resolver("127.0.1.53", true, Ecs.NONE);
        r.resolve("outlook.office365.com.", Type.A, null, 0);
        Resolution warm = r.resolve("outlook.office365.com.", Type.A, null, 5);
        assertThat(warm.fullyCached()).isTrue();
        assertThat(warm.steps()).last().satisfies(s -> assertThat(s.answers().get(0).ttl()).isEqualTo(5));
        // at t=10 the regional A records (TTL 10) expired: the stub re-asks for the CNAME target only
        Resolution later = r.resolve("outlook.office365.com.", Type.A, null, 10);
        assertThat(later.steps()).extracting(Step::fromCache).containsExactly(true, true, true, false);
        assertThat(later.steps().get(3).name()).isEqualToIgnoringCase("FRA-efz.ms-acdc.office.com.");
        assertThat(sites.siteOf(later.addresses()).id()).isEqualTo("fra");
    }

    @Test
    void ecsScopedAnswersAreCachedPerSubnet() throws Exception {
        EmulatedResolver r = resolver("127.0.2.53", true, new Ecs(Ecs.Mode.CLIENT, 24, null));
        Resolution berlin = r.resolve("outlook.office365.com.", Type.A, Cidr.parse("127.0.6.0/24"), 0);
        Resolution tokyo = r.resolve("outlook.office365.com.", Type.A, Cidr.parse("127.0.9.0/24"), 1);
        Resolution berlinAgain = r.resolve("outlook.office365.com.", Type.A, Cidr.parse("127.0.6.0/24"), 2);
        assertThat(sites.siteOf(berlin.addresses()).id()).isEqualTo("fra");
        assertThat(tokyo.fullyCached()).as("a /24-scoped answer is not served to another /24").isFalse();
        assertThat(sites.siteOf(tokyo.addresses()).id()).isEqualTo("nrt");
        assertThat(berlinAgain.fullyCached()).isTrue();
        assertThat(sites.siteOf(berlinAgain.addresses()).id()).isEqualTo("fra");
    }

    @Test
    void unknownNameEndsWithTheServersRcode() throws Exception {
        Resolution r = resolver("127.0.1.53", true, Ecs.NONE).resolve("nope.office365.com.", Type.A, null, 0);
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).startsWith("NXDOMAIN");
        Resolution refused = resolver("127.0.1.53", true, Ecs.NONE).resolve("www.example.org.", Type.A, null, 0);
        assertThat(refused.error()).startsWith("REFUSED");
    }

    @Test
    void tunnelAddressesComeFromThePool() throws Exception {
        ResolverSpec vpn = new ResolverSpec("v", ResolverSpec.Kind.VPN, new Where("x", 0, 0, null),
                InetAddress.getByName("127.0.2.53"), new Ecs(Ecs.Mode.TUNNEL, 24, null), true,
                new Where("x", 0, 0, null), ResolverSpec.Tunnel.SPLIT, Cidr.parse("127.0.2.0/24"));
        assertThat(ScenarioRunner.tunnelAddress(vpn, 0).getHostAddress()).isEqualTo("127.0.2.100");
        assertThat(ScenarioRunner.tunnelAddress(vpn, 200).getHostAddress()).isEqualTo("127.0.2.46");
    }
}
