package dev.geodns.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.LabNetwork;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.World;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoopbackAnswerPlanTest {
    private final World builtIn = WorldLoader.builtIn();
    private final World looped = LoopbackAnswerPlan.apply(builtIn);

    @Test
    void everySiteAnswersFromItsOwnLoopbackSlashTwentyFour() {
        assertThat(looped.sites()).hasSameSizeAs(builtIn.sites());
        Set<InetAddress> seen = new HashSet<>();
        for (int i = 0; i < looped.sites().size(); i++) {
            Site s = looped.sites().get(i);
            assertThat(s.id()).isEqualTo(builtIn.sites().get(i).id());
            assertThat(s.ipv4()).as(s.id()).hasSize(4);
            assertThat(s.ipv6()).as(s.id() + ": IPv6 answers are dropped").isEmpty();
            for (InetAddress a : s.ipv4()) {
                assertThat(LoopbackAnswerPlan.isLoopback(a)).as(a.toString()).isTrue();
                assertThat(LoopbackAnswerPlan.siteNetwork(i).contains(a)).isTrue();
                assertThat(seen.add(a)).as("unique " + a).isTrue();
            }
        }
        assertThat(looped.sites().get(0).ipv4().get(0).getHostAddress()).isEqualTo("127.64.0.1");
        assertThat(looped.sites().get(1).ipv4().get(3).getHostAddress()).isEqualTo("127.64.1.4");
    }

    @Test
    void theLabPlanAndTheNameServersStayAsTheyWere() {
        assertThat(looped.networks()).isEqualTo(builtIn.networks());
        assertThat(looped.services()).isEqualTo(builtIn.services());
        assertThat(looped.tenants()).isEqualTo(builtIn.tenants());
        for (LabNetwork n : looped.networks()) {
            for (Site s : looped.sites()) {
                for (InetAddress a : s.ipv4()) {
                    assertThat(n.cidr().contains(a)).as(n.cidr() + " vs " + a).isFalse();
                }
            }
        }
        assertThat(LoopbackAnswerPlan.offLoopback(looped, List.of())).isEmpty();
    }

    @Test
    void aLabNetworkInsideThePoolIsRefusedByName() {
        List<LabNetwork> networks = new ArrayList<>(builtIn.networks());
        networks.add(new LabNetwork(Cidr.parse("127.64.2.0/25"), builtIn.networks().get(0).place()));
        World clash = new World(builtIn.name(), null, builtIn.server(), builtIn.clouds(), builtIn.sites(),
                builtIn.services(), builtIn.tenants(), networks, builtIn.geoip(), builtIn.answers(), builtIn.zones());
        assertThatThrownBy(() -> LoopbackAnswerPlan.apply(clash))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("127.64.2.0/25")
                .hasMessageContaining("'" + builtIn.sites().get(2).id() + "'");
    }

    @Test
    void recordsTheSiteRewriteCannotMoveAreNamed() throws Exception {
        assertThat(LoopbackAnswerPlan.offLoopback(builtIn, List.of())).isEmpty();
        assertThat(LoopbackAnswerPlan.isLoopback(InetAddress.getByName("198.18.0.1"))).isFalse();
        assertThat(LoopbackAnswerPlan.isLoopback(InetAddress.getByName("::1"))).isTrue();
        assertThat(LoopbackAnswerPlan.isLoopback(InetAddress.getByName("127.255.0.9"))).isTrue();
    }
}
