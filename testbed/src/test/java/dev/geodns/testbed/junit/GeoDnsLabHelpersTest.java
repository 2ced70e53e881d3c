package dev.geodns.testbed.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodns.config.WorldLoader;
import dev.geodns.server.faults.Fault;
import dev.geodns.server.faults.FaultRule;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Address;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The lab's helpers: faults from a test, places, the IPv6 listener, reloads, the decision of every query. */
@GeoDnsTest
class GeoDnsLabHelpersTest {
    private static final String NAME = "outlook.office365.com.";
    private static final String SIGN_IN = "login.microsoftonline.com.";

    private static SimpleResolver resolver(InetSocketAddress server, InetAddress source) throws Exception {
        SimpleResolver r = new SimpleResolver(server);
        r.setLocalAddress(new InetSocketAddress(source, 0));
        r.setTimeout(Duration.ofSeconds(3));
        return r;
    }

    private static Message query(String name) throws Exception {
        return Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN));
    }

    @Test
    void resolverInGivesAnAddressThatPlaceAndTheDecisionSaysSo(GeoDnsLab lab) throws Exception {
        InetAddress sydney = lab.resolverIn("Sydney");
        assertThat(sydney.getHostAddress()).isEqualTo("127.0.4.10");
        assertThat(lab.resolverIn("frankfurt, de").getHostAddress()).isEqualTo("127.0.1.10");
        assertThat(lab.resolverIn("Sydney", true).getHostAddress()).isEqualTo("2001:db8:4:0:0:0:0:10");
        assertThatThrownBy(() -> lab.resolverIn("Atlantis")).hasMessageContaining("no loopback IPv4 network for"
                + " 'Atlantis'").hasMessageContaining("Sydney, AU");

        resolver(lab.address(), sydney).send(query(NAME));
        ArrivedQuery q = lab.takeQuery();
        assertThat(q.decision()).isNotNull();
        assertThat(q.decision().place()).isEqualTo("Sydney, AU");
        assertThat(q.decision().located()).isEqualTo("127.0.4.10");
        assertThat(q.decision().locatedBy()).isEqualTo("source-address");
        assertThat(q.decision().site()).isEqualTo(q.site());
        assertThat(q.decision().policy()).isEqualTo("nearest");
        assertThat(q.decision().defaultUsed()).isFalse();

        // The IPv6 variant is a documentation address: it travels as ECS, from any source. Sign-in
        // honours ECS in the built-in world (Exchange is located by the resolver only).
        resolver(lab.address(), sydney).send(query(SIGN_IN));
        ArrivedQuery signInFromSydney = lab.takeQuery();
        SimpleResolver viaEcs = resolver(lab.address(), lab.resolverIn("Frankfurt"));
        viaEcs.setEDNS(0, 1232, 0, List.of(new ClientSubnetOption(48,
                Address.truncate(lab.resolverIn("Sydney", true), 48))));
        viaEcs.send(query(SIGN_IN));
        ArrivedQuery ecs = lab.takeQuery();
        assertThat(ecs.decision().locatedBy()).isEqualTo("ecs");
        assertThat(ecs.decision().place()).isEqualTo("Sydney, AU");
        assertThat(ecs.decision().site()).isEqualTo(signInFromSydney.site());
        assertThat(ecs.decision().ecsScope()).isEqualTo(ecs.ecsScope()).isPositive();

        resolver(lab.address(), sydney).send(Message.newQuery(Record.newRecord(Name.fromString("office365.com."),
                Type.SOA, DClass.IN)));
        assertThat(lab.takeQuery().decision()).as("a static answer needs no routing").isNull();
    }

    @Test
    void faultsSwitchedOnFromTheTestReachTheClient(GeoDnsLab lab) throws Exception {
        lab.faults().add(FaultRule.of(Fault.TRUNCATE).name("*.office365.com"));
        Message m = resolver(lab.address(), lab.resolverIn("Frankfurt")).send(query(NAME));
        assertThat(m.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(m.getSection(Section.ANSWER)).isNotEmpty();
        ArrivedQuery udp = lab.takeQuery();
        assertThat(udp.transport()).isEqualTo("UDP");
        assertThat(udp.truncated()).isTrue();
        assertThat(udp.fault()).isEqualTo("truncate");
        ArrivedQuery tcp = lab.takeQuery();
        assertThat(tcp.transport()).as("dnsjava asked again over TCP").isEqualTo("TCP");
        assertThat(tcp.fault()).isNull();
        assertThat(lab.faults().applied(Fault.TRUNCATE)).isEqualTo(1);

        lab.faults().clear();
        lab.faults().add(FaultRule.of(Fault.SERVFAIL).site(tcp.site()));
        assertThat(resolver(lab.address(), lab.resolverIn("Frankfurt")).send(query(NAME)).getRcode())
                .isEqualTo(Rcode.SERVFAIL);
        ArrivedQuery failed = lab.takeQuery();
        assertThat(failed.fault()).isEqualTo("servfail");
        assertThat(failed.decision().site()).as("the decision is kept for the record").isEqualTo(tcp.site());
        lab.faults().clear();
        assertThat(resolver(lab.address(), lab.resolverIn("Frankfurt")).send(query(NAME)).getRcode())
                .isEqualTo(Rcode.NOERROR);
    }

    @Test
    @GeoDnsTest(ipv6 = true)
    void anIpv6ListenerOnLoopback(GeoDnsLab lab) throws Exception {
        assertThat(lab.ipv6Address().getAddress().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(lab.ipv6Address().getPort()).isPositive().isNotEqualTo(lab.port());
        Message m = resolver(lab.ipv6Address(), InetAddress.getByName("::1")).send(query(NAME));
        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
        ArrivedQuery q = lab.takeQuery();
        assertThat(q.sender().getAddress().isLoopbackAddress()).isTrue();
        assertThat(q.sender().getAddress()).isInstanceOf(java.net.Inet6Address.class);
        assertThat(q.decision().place()).as("::1 is in no lab network").isNull();
        assertThat(q.decision().defaultUsed()).isTrue();
    }

    @Test
    void withoutIpv6OrFrontDoorsTheLabSaysHowToAsk(GeoDnsLab lab) {
        assertThatThrownBy(lab::ipv6Address).hasMessageContaining("@GeoDnsTest(ipv6 = true)");
        assertThatThrownBy(lab::frontDoors).hasMessageContaining("@GeoDnsTest(frontDoors = true)");
    }

    @Test
    void reloadServesANewWorldOrKeepsTheOldOneWithTheErrors(GeoDnsLab lab) throws Exception {
        String text;
        try (InputStream in = WorldLoader.class.getResourceAsStream(WorldLoader.BUILT_IN_RESOURCE)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String geo = "{owner: outlook.ms-acdc.office.com, target: \"{site}-efz.ms-acdc.office.com\", ttl: 30}";
        assertThat(text).contains(geo);
        GeoDnsLab.Reload ok = lab.reload(text.replace(geo, geo.replace("ttl: 30", "ttl: 7")));
        assertThat(ok.ok()).as("%s", ok.errors()).isTrue();
        assertThat(ok.generation()).isEqualTo(2);
        Message m = resolver(lab.address(), lab.resolverIn("Frankfurt")).send(query(NAME));
        assertThat(m.getSection(Section.ANSWER)).anySatisfy(r -> {
            assertThat(r.getName().toString()).isEqualTo("outlook.ms-acdc.office.com.");
            assertThat(r.getTTL()).isEqualTo(7);
        });

        GeoDnsLab.Reload bad = lab.reload(text.replace("city: Sydney,", "city: Sidney, bogus: 1,"));
        assertThat(bad.ok()).isFalse();
        assertThat(bad.generation()).as("still serving").isEqualTo(2);
        assertThat(bad.errors()).isNotEmpty();
        assertThat(lab.server().current().generation()).isEqualTo(2);
    }
}
