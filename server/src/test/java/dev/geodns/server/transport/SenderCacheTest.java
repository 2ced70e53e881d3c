package dev.geodns.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SenderCacheTest {
    private static final int LAB_RESOLVER = 0xC6120A01; // 198.18.10.1

    private final SenderCache cache = new SenderCache();

    @Test
    void returnsTheSenderItWasGiven() {
        InetSocketAddress sender = cache.get(LAB_RESOLVER, 53_000);

        assertThat(sender.getAddress().getHostAddress()).isEqualTo("198.18.10.1");
        assertThat(sender.getPort()).isEqualTo(53_000);
        assertThat(cache.get(0, 0)).isEqualTo(new InetSocketAddress("0.0.0.0", 0));
    }

    @Test
    void aSteadySenderIsMadeOnce() {
        InetSocketAddress first = cache.get(LAB_RESOLVER, 53_000);

        assertThat(cache.get(LAB_RESOLVER, 53_000)).isSameAs(first);
        assertThat(cache.get(LAB_RESOLVER, 53_001)).isNotSameAs(first).isNotEqualTo(first);
    }

    @Test
    void fourBusySendersOfOneSetAllStayCached() {
        List<Integer> ports = portsInOneSet(5);
        List<InetSocketAddress> first = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            first.add(cache.get(LAB_RESOLVER, ports.get(i)));
        }

        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                assertThat(cache.get(LAB_RESOLVER, ports.get(i))).isSameAs(first.get(i));
            }
        }
    }

    @Test
    void aFifthSenderOfTheSetReplacesTheOldestEntry() {
        List<Integer> ports = portsInOneSet(5);
        List<InetSocketAddress> first = new ArrayList<>();
        for (int port : ports) {
            first.add(cache.get(LAB_RESOLVER, port));
        }

        assertThat(cache.get(LAB_RESOLVER, ports.get(1))).isSameAs(first.get(1));
        assertThat(cache.get(LAB_RESOLVER, ports.get(4))).isSameAs(first.get(4));
        assertThat(cache.get(LAB_RESOLVER, ports.get(0))).isNotSameAs(first.get(0)).isEqualTo(first.get(0));
    }

    private static List<Integer> portsInOneSet(int count) {
        int set = SenderCache.setOf(LAB_RESOLVER, 1024);
        List<Integer> ports = new ArrayList<>();
        for (int port = 1024; ports.size() < count; port++) {
            if (SenderCache.setOf(LAB_RESOLVER, port) == set) {
                ports.add(port);
            }
        }
        return ports;
    }
}
