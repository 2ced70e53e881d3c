package dev.geodns.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.server.engine.Transport;
import dev.geodns.server.geo.LocationOrigin;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** The closed tag sets of {@link DnsMetrics} line up with the codes they fold. */
class BoundedTagsTest {
    @Test
    void everyListedQtypeMapsToItselfAndTheRestToOther() {
        for (int i = 0; i < DnsMetrics.QTYPES.length - 1; i++) {
            assertThat(DnsMetrics.qtypeIndex(Type.value(DnsMetrics.QTYPES[i]))).as(DnsMetrics.QTYPES[i]).isEqualTo(i);
        }
        int other = DnsMetrics.QTYPES.length - 1;
        assertThat(DnsMetrics.QTYPES[other]).isEqualTo("OTHER");
        for (int qtype : new int[] {0, Type.NAPTR, Type.TLSA, 65280, 65535}) {
            assertThat(DnsMetrics.qtypeIndex(qtype)).isEqualTo(other);
        }
    }

    @Test
    void everyListedRcodeMapsToItselfAndTheRestToOther() {
        for (int i = 0; i < DnsMetrics.RCODES.length - 1; i++) {
            assertThat(DnsMetrics.rcodeIndex(Rcode.value(DnsMetrics.RCODES[i]))).as(DnsMetrics.RCODES[i]).isEqualTo(i);
        }
        assertThat(DnsMetrics.rcodeIndex(Rcode.NOTAUTH)).isEqualTo(DnsMetrics.RCODES.length - 1);
        assertThat(DnsMetrics.rcodeIndex(4095)).isEqualTo(DnsMetrics.RCODES.length - 1);
    }

    @Test
    void originAndTransportTagsFollowTheirEnums() {
        assertThat(DnsMetrics.ORIGINS).hasSize(LocationOrigin.values().length);
        for (LocationOrigin o : LocationOrigin.values()) {
            assertThat(DnsMetrics.ORIGINS[o.ordinal()]).isEqualTo(o.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        assertThat(DnsMetrics.TRANSPORTS).hasSize(Transport.values().length);
        for (Transport t : Transport.values()) {
            assertThat(DnsMetrics.TRANSPORTS[t.ordinal()]).isEqualTo(t.name().toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void identityCacheKeysByIdentityAndStartsOverAtItsLimit() {
        IdentityCache<String, Integer> cache = new IdentityCache<>(2);
        String a = new String("a");
        String alsoA = new String("a");
        assertThat(cache.get(a)).isNull();
        assertThat(cache.putIfAbsent(a, 1)).isEqualTo(1);
        assertThat(cache.putIfAbsent(a, 2)).isEqualTo(1);
        assertThat(cache.get(alsoA)).isNull();
        cache.putIfAbsent(alsoA, 3);
        assertThat(cache.get(a)).isEqualTo(1);
        cache.putIfAbsent(new String("b"), 4);
        assertThat(cache.get(a)).as("dropped at the limit").isNull();
    }
}
