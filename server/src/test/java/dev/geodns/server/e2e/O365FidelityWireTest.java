package dev.geodns.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.config.WorldLoader;
import dev.geodns.server.GeoDnsServer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The built-in world's anycast edges, resolver-only Exchange, ECS-honouring sign-in and the whoami
 * name, as BIND's dig sees them (127.0.1.0/24 is Frankfurt, 127.0.2.0/24 Seattle, 127.0.4.0/24
 * Sydney in the lab plan).
 */
class O365FidelityWireTest {
    static GeoDnsServer server;
    static InetSocketAddress v4;

    @BeforeAll
    static void start() throws Exception {
        server = GeoDnsServer.builder().world(WorldLoader.builtIn()).dns(new InetSocketAddress("127.0.0.1", 0))
                .threads(2).start();
        v4 = server.dnsAddresses().get(0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void needDig() {
        Dig.require();
    }

    @Test
    void teamsAnswersTheSameAnycastAddressesFromFrankfurtAndSydney() throws Exception {
        String fra = Dig.run(v4, "-b", "127.0.1.1", "teams.microsoft.com", "A");
        String syd = Dig.run(v4, "-b", "127.0.4.1", "teams.microsoft.com", "A");
        assertThat(fra).contains("teams.office.com.").contains("s-0005.s-msedge.net.");
        assertThat(addresses(fra)).isNotEmpty().isEqualTo(addresses(syd));
    }

    @Test
    void signInHonoursEcsAndExchangeIsLocatedByTheResolverOnly() throws Exception {
        String login = Dig.run(v4, "-b", "127.0.2.1", "+subnet=127.0.1.0/24", "login.microsoftonline.com", "A");
        assertThat(login).contains("www.tm.ak.prd.aadg.trafficmanager.net.")
                .contains("de-frankfurt.prd.aadg.trafficmanager.net.").contains("CLIENT-SUBNET: 127.0.1.0/24/24");
        String outlook = Dig.run(v4, "-b", "127.0.2.1", "+subnet=127.0.1.0/24", "outlook.office365.com", "A");
        // the Seattle resolver's front door (Moses Lake, EAT), scope 0: valid for every subnet
        assertThat(outlook).contains("EAT-efz.ms-acdc.office.com.").contains("CLIENT-SUBNET: 127.0.1.0/24/0");
    }

    @Test
    void whoamiTellsTheAskerWhatTheServerSaw() throws Exception {
        String plain = Dig.run(v4, "-b", "127.0.4.1", "TXT", "whoami.geodns.test");
        assertThat(plain).contains("status: NOERROR").containsPattern("whoami\\.geodns\\.test\\.\\s+0\\s+IN\\s+TXT")
                .contains("\"source=127.0.4.1\"").contains("\"ecs=none\"").contains("Sydney")
                .contains("\"by=lab-plan 127.0.4.0/24\"").contains("front-door=SYD");
        String subnet = Dig.run(v4, "-b", "127.0.4.1", "+subnet=127.0.1.0/24", "TXT", "whoami.geodns.test");
        assertThat(subnet).contains("\"source=127.0.4.1\"").contains("\"ecs=127.0.1.0/24 scope=24\"")
                .contains("Frankfurt").contains("front-door=FRA").contains("CLIENT-SUBNET: 127.0.1.0/24/24");
        String a = Dig.run(v4, "-b", "127.0.4.1", "A", "whoami.geodns.test");
        assertThat(a).contains("status: NOERROR").contains("ANSWER: 0").contains("SOA");
    }

    /** The ECS switch ({@code serve --ecs-everywhere}) makes Exchange follow the client's subnet again. */
    @Test
    void withEcsEverywhereExchangeFollowsTheClientSubnet() throws Exception {
        try (GeoDnsServer everywhere = GeoDnsServer.builder().world(WorldLoader.builtIn().withEcsEverywhere())
                .dns(new InetSocketAddress("127.0.0.1", 0)).threads(1).start()) {
            InetSocketAddress a = everywhere.dnsAddresses().get(0);
            String out = Dig.run(a, "-b", "127.0.2.1", "+subnet=127.0.1.0/24", "outlook.office365.com", "A");
            assertThat(out).contains("FRA-efz.ms-acdc.office.com.").contains("CLIENT-SUBNET: 127.0.1.0/24/24");
            String without = Dig.run(a, "-b", "127.0.2.1", "outlook.office365.com", "A");
            assertThat(without).contains("EAT-efz.ms-acdc.office.com.");
        }
    }

    /** The A records' addresses in dig's answer section. */
    private static List<String> addresses(String dig) {
        Matcher m = Pattern.compile("\\sIN\\s+A\\s+(\\S+)").matcher(dig);
        return m.results().map(r -> r.group(1)).sorted().toList();
    }
}
