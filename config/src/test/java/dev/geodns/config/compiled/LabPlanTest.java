package dev.geodns.config.compiled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.Continent;
import dev.geodns.config.model.LabNetwork;
import dev.geodns.config.model.Place;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabPlanTest {
    private static final Place OUTER = new Place("Outer", null, Continent.EU, 50, 8);
    private static final Place INNER = new Place("Inner", null, Continent.EU, 51, 9);
    private static final Place V6 = new Place("Six", null, Continent.AS, 1, 103);
    private final LabPlan plan = new LabPlan(List.of(
            new LabNetwork(Cidr.parse("10.0.0.0/8"), OUTER),
            new LabNetwork(Cidr.parse("10.1.2.0/24"), INNER),
            new LabNetwork(Cidr.parse("2001:db8::/32"), V6)));

    private static byte[] ip(String literal) {
        return Cidr.parseLiteral(literal);
    }

    @Test
    void theLongestPrefixWins() throws Exception {
        assertThat(plan.networkOf(InetAddress.getByAddress(ip("10.1.2.3"))).place()).isEqualTo(INNER);
        assertThat(plan.networkOf(InetAddress.getByAddress(ip("10.9.9.9"))).place()).isEqualTo(OUTER);
        assertThat(plan.networkOf(InetAddress.getByAddress(ip("2001:db8:5::1"))).place()).isEqualTo(V6);
        assertThat(plan.networkOf(InetAddress.getByAddress(ip("11.0.0.1")))).isNull();
        assertThat(plan.networkOf(null)).isNull();
    }

    @Test
    void theScopeStopsWhereNestedNetworksEnd() {
        int inner = plan.match(ip("10.1.2.3"));
        assertThat(LabPlan.network(inner)).isEqualTo(1);
        assertThat(LabPlan.scope(inner)).isEqualTo(24);
        // outside the /24 but inside the /8: the scope is as deep as the path shares the /24's bits, plus one
        int outerNear = plan.match(ip("10.1.3.1"));
        assertThat(LabPlan.network(outerNear)).isEqualTo(0);
        assertThat(LabPlan.scope(outerNear)).isEqualTo(24);
        int outerFar = plan.match(ip("10.128.0.1"));
        assertThat(LabPlan.scope(outerFar)).isEqualTo(9);
        assertThat(plan.match(ip("11.0.0.1"))).isEqualTo(LabPlan.NO_MATCH);
    }

    @Test
    void aNetworkListedTwiceIsRefused() {
        assertThatThrownBy(() -> new LabPlan(List.of(new LabNetwork(Cidr.parse("10.0.0.0/8"), OUTER),
                new LabNetwork(Cidr.parse("10.0.0.0/8"), INNER))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listed twice");
    }
}
