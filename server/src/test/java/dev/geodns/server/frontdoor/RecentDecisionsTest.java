package dev.geodns.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecentDecisionsTest {
    private static final long SECOND = 1_000_000_000L;

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void aRequestToTheSiteDnsChoseIsMatched() throws Exception {
        RecentDecisions d = new RecentDecisions(10, Duration.ofSeconds(60));
        d.record(ip("127.0.1.77"), "outlook.office365.com", "fra", 100 * SECOND);
        RecentDecisions.Found f = d.link(ip("127.0.1.77"), "fra", 101 * SECOND);
        assertThat(f.link()).isEqualTo(RecentDecisions.Link.MATCHED);
        assertThat(f.decision().name()).isEqualTo("outlook.office365.com");
    }

    @Test
    void anotherSiteOrAnotherClientOrAnOldDecisionIsNotMatched() throws Exception {
        RecentDecisions d = new RecentDecisions(10, Duration.ofSeconds(60));
        d.record(ip("127.0.1.77"), "outlook.office365.com", "fra", 100 * SECOND);
        assertThat(d.link(ip("127.0.1.77"), "syd", 101 * SECOND).link()).isEqualTo(RecentDecisions.Link.OTHER_SITE);
        assertThat(d.link(ip("127.0.1.77"), "syd", 101 * SECOND).decision().siteId()).isEqualTo("fra");
        assertThat(d.link(ip("127.0.4.77"), "fra", 101 * SECOND).link()).isEqualTo(RecentDecisions.Link.NONE);
        assertThat(d.link(ip("127.0.1.77"), "fra", 161 * SECOND).link()).isEqualTo(RecentDecisions.Link.NONE);
    }

    @Test
    void theNewestDecisionsOfAClientAreKeptAndTheOldestFallOff() throws Exception {
        RecentDecisions d = new RecentDecisions(10, Duration.ofSeconds(60));
        InetAddress c = ip("127.0.1.77");
        d.record(c, "a.example", "site0", 1 * SECOND);
        for (int i = 1; i <= RecentDecisions.PER_CLIENT; i++) {
            d.record(c, "n" + i + ".example", "site" + i, (1 + i) * SECOND);
        }
        assertThat(d.link(c, "site" + RecentDecisions.PER_CLIENT, 10 * SECOND).link())
                .isEqualTo(RecentDecisions.Link.MATCHED);
        assertThat(d.link(c, "site1", 10 * SECOND).link()).isEqualTo(RecentDecisions.Link.MATCHED);
        assertThat(d.link(c, "site0", 10 * SECOND).link()).as("pushed out").isEqualTo(RecentDecisions.Link.OTHER_SITE);
    }

    @Test
    void memoryIsBoundedByClients() throws Exception {
        RecentDecisions d = new RecentDecisions(3, Duration.ofSeconds(60));
        for (int i = 1; i <= 10; i++) {
            d.record(ip("127.0.9." + i), "x.example", "s", i * SECOND);
        }
        assertThat(d.clients()).isEqualTo(3);
        assertThat(d.link(ip("127.0.9.1"), "s", 11 * SECOND).link()).isEqualTo(RecentDecisions.Link.NONE);
        assertThat(d.link(ip("127.0.9.10"), "s", 11 * SECOND).link()).isEqualTo(RecentDecisions.Link.MATCHED);
    }
}
