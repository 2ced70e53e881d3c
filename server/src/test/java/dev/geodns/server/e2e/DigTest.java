package dev.geodns.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.server.GeoDnsServer;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The same behaviours seen by BIND's dig: what an operator would type. */
class DigTest {
    static GeoDnsServer server;
    static InetSocketAddress v4;
    static InetSocketAddress v6;

    @BeforeAll
    static void start() throws Exception {
        server = GeoDnsServer.builder().world(TestServer.testWorld())
                .dns(new InetSocketAddress("127.0.0.1", 0))
                .dns(new InetSocketAddress("::1", 0))
                .threads(2).start();
        v4 = server.dnsAddresses().get(0);
        v6 = server.dnsAddresses().get(1);
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
    void frankfurtResolverGetsFrankfurtFrontDoor() throws Exception {
        String out = Dig.run(v4, "-b", "127.0.1.1", "outlook.office365.com", "A");
        assertThat(out).contains("status: NOERROR").containsPattern("flags: qr aa rd;")
                .contains("outlook.ha.office365.com.").contains("FRA-efz.ms-acdc.office.com.");
        assertThat(out).doesNotContain(" ra");
    }

    @Test
    void tcpAndIpv6ListenersAnswer() throws Exception {
        assertThat(Dig.run(v4, "+tcp", "www.example.org", "A")).contains("status: NOERROR").contains("192.0.2.10");
        assertThat(Dig.run(v6, "www.example.org", "AAAA")).contains("status: NOERROR").contains("2001:db8::10");
        assertThat(Dig.run(v6, "+tcp", "www.example.org", "AAAA")).contains("2001:db8::10");
    }

    @Test
    void nsidAndChaosIdentity() throws Exception {
        assertThat(Dig.run(v4, "+nsid", "www.example.org")).contains("NSID:").contains("test-server-1");
        assertThat(Dig.run(v4, "CH", "TXT", "version.server")).contains("\"GeoDNS Emulator test\"");
    }

    @Test
    void ecsFromFrankfurtThroughSeattleResolverGetsFrankfurtWithScope() throws Exception {
        String out = Dig.run(v4, "-b", "127.0.2.1", "+subnet=127.0.1.0/24", "outlook.office365.com", "A");
        assertThat(out).contains("FRA-efz.ms-acdc.office.com.").contains("CLIENT-SUBNET: 127.0.1.0/24/24");
        String without = Dig.run(v4, "-b", "127.0.2.1", "outlook.office365.com", "A");
        assertThat(without).contains("SEA-efz.ms-acdc.office.com.");
    }

    @Test
    void refusedNxdomainAndTruncation() throws Exception {
        assertThat(Dig.run(v4, "www.example.net")).contains("status: REFUSED");
        assertThat(Dig.run(v4, "nope.example.org")).contains("status: NXDOMAIN").contains("SOA");
        String truncated = Dig.run(v4, "+noedns", "+ignore", "big.example.org", "TXT");
        assertThat(truncated).containsPattern("flags: qr aa tc rd;");
    }
}
