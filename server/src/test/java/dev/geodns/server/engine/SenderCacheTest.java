package dev.geodns.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SenderCacheTest {
    private static final int LAB_RESOLVER = 0xC6120A01; // 198.18.10.1
    private static final long V6_HIGH = 0x2001_0db8_0000_0000L; // 2001:db8::53
    private static final long V6_LOW = 0x53L;

    private final SenderCache cache = new SenderCache();

    @Test
    void returnsTheSenderItWasGiven() {
        InetSocketAddress sender = cache.v4(LAB_RESOLVER, 53_000);

        assertThat(sender.getAddress().getHostAddress()).isEqualTo("198.18.10.1");
        assertThat(sender.getPort()).isEqualTo(53_000);
        assertThat(cache.v4(0, 0)).isEqualTo(new InetSocketAddress("0.0.0.0", 0));
        assertThat(cache.v6(V6_HIGH, V6_LOW, 53_000)).isEqualTo(new InetSocketAddress("2001:db8::53", 53_000));
    }

    @Test
    void aSteadySenderIsMadeOnce() {
        InetSocketAddress first = cache.v4(LAB_RESOLVER, 53_000);
        InetSocketAddress firstV6 = cache.v6(V6_HIGH, V6_LOW, 53_000);

        assertThat(cache.v4(LAB_RESOLVER, 53_000)).isSameAs(first);
        assertThat(cache.v6(V6_HIGH, V6_LOW, 53_000)).isSameAs(firstV6);
        assertThat(cache.v4(LAB_RESOLVER, 53_001)).isNotSameAs(first).isNotEqualTo(first);
    }

    @Test
    void anIpv4AndAnIpv6SenderWithTheSameLowBitsStayApart() {
        InetSocketAddress v4 = cache.v4(0x53, 53_000); // 0.0.0.83
        InetSocketAddress v6 = cache.v6(0, 0x53, 53_000); // ::53

        assertThat(v6).isNotEqualTo(v4);
        assertThat(cache.v4(0x53, 53_000)).isSameAs(v4);
        assertThat(cache.v6(0, 0x53, 53_000)).isSameAs(v6);
    }

    @Test
    void fourBusySendersOfOneSetAllStayCached() {
        List<Integer> ports = portsInOneSet(5);
        List<InetSocketAddress> first = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            first.add(cache.v4(LAB_RESOLVER, ports.get(i)));
        }

        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                assertThat(cache.v4(LAB_RESOLVER, ports.get(i))).isSameAs(first.get(i));
            }
        }
    }

    @Test
    void aFifthSenderOfTheSetReplacesTheOldestEntry() {
        List<Integer> ports = portsInOneSet(5);
        List<InetSocketAddress> first = new ArrayList<>();
        for (int port : ports) {
            first.add(cache.v4(LAB_RESOLVER, port));
        }

        assertThat(cache.v4(LAB_RESOLVER, ports.get(1))).isSameAs(first.get(1));
        assertThat(cache.v4(LAB_RESOLVER, ports.get(4))).isSameAs(first.get(4));
        assertThat(cache.v4(LAB_RESOLVER, ports.get(0))).isNotSameAs(first.get(0)).isEqualTo(first.get(0));
    }

    private static List<Integer> portsInOneSet(int count) {
        long address = LAB_RESOLVER & 0xFFFF_FFFFL;
        int set = SenderCache.setOf(0, address, 1024);
        List<Integer> ports = new ArrayList<>();
        for (int port = 1024; ports.size() < count; port++) {
            if (SenderCache.setOf(0, address, port) == set) {
                ports.add(port);
            }
        }
        return ports;
    }
}
