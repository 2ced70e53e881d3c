package dev.geodns.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.config.LoopbackAnswerPlan;
import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.ChainStep;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.Tenant;
import dev.geodns.config.model.World;
import dev.geodns.config.model.ZoneSpec;
import dev.geodns.server.GeoDnsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * With front doors on, nothing the built-in world answers leads off the machine: every A and AAAA in
 * every section of every answer, for every name of every service, tenant and site and every zone's
 * NS, asked from several places over the wire, is a loopback address.
 */
class LoopbackAnswersWireTest {
    private static final String[] SOURCES = {"127.0.1.77", "127.0.4.77", "127.0.10.77", "127.0.0.1"};

    @Test
    void everyAnswerOfTheBuiltInWorldIsALoopbackAddress() throws Exception {
        World world = LoopbackAnswerPlan.apply(WorldLoader.builtIn());
        Set<String> names = names(world);
        assertThat(names).hasSizeGreaterThan(100);
        int addresses = 0;
        try (GeoDnsServer dns = GeoDnsServer.builder().world(world).dns(new InetSocketAddress("127.0.0.1", 0))
                .threads(1).start()) {
            for (String source : SOURCES) {
                SimpleResolver r = new SimpleResolver(dns.dnsAddresses().get(0));
                r.setTimeout(Duration.ofSeconds(3));
                r.setTCP(true); // whole answers, never truncated
                r.setLocalAddress(new InetSocketAddress(InetAddress.getByName(source), 0));
                for (String name : names) {
                    for (int type : new int[] {Type.A, Type.AAAA, Type.NS, Type.ANY}) {
                        Message m = r.send(Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN)));
                        assertThat(m.getRcode()).as(name + " " + Type.string(type)).isIn(Rcode.NOERROR, Rcode.NXDOMAIN);
                        for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
                            for (Record rec : m.getSection(section)) {
                                InetAddress a = rec instanceof ARecord ar ? ar.getAddress()
                                        : rec instanceof AAAARecord aaaa ? aaaa.getAddress() : null;
                                if (a != null) {
                                    addresses++;
                                    assertThat(LoopbackAnswerPlan.isLoopback(a)).as(source + " asks " + name + ": " + rec)
                                            .isTrue();
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(addresses).as("addresses seen").isGreaterThan(names.size());
    }

    /** Every zone apex, service name, chain name and regional name, per tenant and site. */
    private static Set<String> names(World world) {
        Set<String> out = new LinkedHashSet<>();
        for (ZoneSpec z : world.zones()) {
            out.add(z.origin().toString());
        }
        for (Service s : world.services()) {
            Set<String> patterns = new LinkedHashSet<>(s.names());
            for (ChainStep step : s.chain()) {
                patterns.add(step.owner());
                if (!step.isGeoStep()) {
                    patterns.add(step.target());
                }
            }
            for (String p : patterns) {
                for (Tenant t : world.tenants()) {
                    if (t.cloud().equals(s.cloud())) {
                        out.add(p.replace(ChainStep.TENANT, t.id()));
                    }
                }
            }
            for (Site site : world.sites()) {
                if (site.cloud().equals(s.cloud()) && site.kind() == s.siteKind()) {
                    out.add(s.regional().pattern().replace(ChainStep.SITE, site.code()));
                }
            }
        }
        return out;
    }
}
