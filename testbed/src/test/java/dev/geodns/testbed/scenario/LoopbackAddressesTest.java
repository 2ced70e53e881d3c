package dev.geodns.testbed.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.config.model.Cidr;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class LoopbackAddressesTest {
    private static InetAddress ip(String literal) {
        return LoopbackAddresses.of(Cidr.parseLiteral(literal));
    }

    @Test
    void defaultsSkipReservedAndTakenAddressesAndCountOnPerNetworkAndFirstHost() {
        LoopbackAddresses a = new LoopbackAddresses();
        Cidr net = Cidr.parse("127.0.6.0/24");
        a.reserve(ip("127.0.6.10"));
        assertThat(a.claim(ip("127.0.6.11"))).isTrue();
        assertThat(a.claim(ip("127.0.6.11"))).as("an address is used once").isFalse();
        assertThat(a.next(net, 10)).isEqualTo(ip("127.0.6.12"));
        assertThat(a.next(net, 10)).isEqualTo(ip("127.0.6.13"));
        assertThat(a.next(net, 53)).isEqualTo(ip("127.0.6.53"));
        assertThat(a.claim(ip("127.0.6.53"))).isFalse();
    }

    @Test
    void aFullNetworkHandsOutNothing() {
        LoopbackAddresses a = new LoopbackAddresses();
        Cidr net = Cidr.parse("127.0.9.0/30");
        assertThat(a.next(net, 1)).isEqualTo(ip("127.0.9.1"));
        assertThat(a.next(net, 1)).isEqualTo(ip("127.0.9.2"));
        assertThat(a.next(net, 1)).as("the broadcast host is never handed out").isNull();
    }
}
