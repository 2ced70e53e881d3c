package dev.geodns.testbed.resolvers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated configs carry every quirk listed in README.md ("Real resolvers"); no resolver runs here. */
class ResolverConfigTest {
    static final Path DIR = Path.of("/tmp/geodns-test-instance");
    static final InetSocketAddress EMULATOR = new InetSocketAddress(Lab.ip("127.0.0.1"), 5399);
    static final List<String> ZONES = List.of("office365.com", "Office.COM.", "lab.test");

    static ResolverSpec spec(ResolverKind kind) {
        return ResolverSpec.of(kind, Lab.ip("127.0.2.53"), EMULATOR, ZONES);
    }

    @Test
    void specNormalisesZonesAndMatchesNamesBelowThem() {
        ResolverSpec s = spec(ResolverKind.UNBOUND);
        assertThat(s.zones()).containsExactly("office365.com.", "office.com.", "lab.test.");
        assertThat(s.port()).isEqualTo(53);
        assertThat(s.outgoing()).isEqualTo(s.listen());
        assertThat(s.inZones("OUTLOOK.ms-acdc.Office.com.")).isTrue();
        assertThat(s.inZones("office.com")).isTrue();
        assertThat(s.inZones("notoffice.com.")).isFalse();
        assertThat(s.inZones(".")).isFalse();
    }

    @Test
    void zoneNamesThatAreNotDomainNamesAreRefused() {
        assertThatThrownBy(() -> ResolverSpec.of(ResolverKind.KNOT_RESOLVER, Lab.ip("127.0.2.53"), EMULATOR,
                List.of("bad'zone"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad'zone");
        assertThatThrownBy(() -> ResolverSpec.of(ResolverKind.UNBOUND, Lab.ip("127.0.2.53"), EMULATOR, List.of(".")))
                .hasMessageContaining("no zone");
    }

    @Test
    void kindsAreNamedAsInScenarioFilesAndNameTheirPackage() {
        assertThat(ResolverKind.fromId("pdns-recursor")).isEqualTo(ResolverKind.PDNS_RECURSOR);
        assertThat(ResolverKind.fromId("KNOT_RESOLVER")).isEqualTo(ResolverKind.KNOT_RESOLVER);
        assertThat(ResolverKind.fromId("kresd")).isEqualTo(ResolverKind.KNOT_RESOLVER);
        assertThat(ResolverKind.KNOT_RESOLVER.binary()).isEqualTo(Path.of("/usr/sbin/kresd"));
        assertThat(ResolverKind.PDNS_RECURSOR.debianPackage()).isEqualTo("pdns-recursor");
        assertThatThrownBy(() -> ResolverKind.fromId("bind9")).hasMessageContaining("unbound, pdns-recursor");
    }

    @Test
    void kresdCannotSendEcs() {
        assertThatThrownBy(() -> spec(ResolverKind.KNOT_RESOLVER).withEcs(EcsMode.CLIENT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no ECS module");
    }

    @Test
    void unboundConfigStubsZonesToTheEmulatorAndForwardsEverythingElse() {
        String c = new UnboundConfig().render(spec(ResolverKind.UNBOUND), DIR);
        assertThat(c).contains("interface: 127.0.2.53\n", "port: 53\n", "outgoing-interface: 127.0.2.53\n",
                "do-not-query-localhost: no\n", "qname-minimisation: no\n", "module-config: \"iterator\"\n",
                "stub-zone:\n  name: \"office365.com.\"\n  stub-addr: 127.0.0.1@5399\n",
                "forward-zone:\n  name: \".\"\n  forward-addr: 127.0.0.1@5399\n",
                "local-zone: \"test.\" nodefault\n", "username: \"\"\n", "directory: \"/tmp/geodns-test-instance\"\n",
                "control-interface: \"/tmp/geodns-test-instance/unbound.ctl\"\n");
        assertThat(c).doesNotContain("validator iterator", "trust-anchor-file", "subnetcache", "client-subnet-zone");
        assertThat(new UnboundConfig().command(Path.of("/usr/sbin/unbound"), spec(ResolverKind.UNBOUND), DIR))
                .containsExactly("/usr/sbin/unbound", "-d", "-c", "/tmp/geodns-test-instance/unbound.conf");
    }

    @Test
    void unboundEcsUsesTheSubnetCacheForEveryZone() {
        String c = new UnboundConfig().render(spec(ResolverKind.UNBOUND).withEcs(EcsMode.CLIENT), DIR);
        assertThat(c).contains("module-config: \"subnetcache iterator\"\n", "client-subnet-zone: \"office365.com.\"\n",
                "client-subnet-zone: \"office.com.\"\n", "max-client-subnet-ipv4: 24\n", "max-client-subnet-ipv6: 56\n");
    }

    @Test
    void pdnsConfigForwardsZonesAndSendsEcsForLoopbackClients() {
        String plain = new PdnsRecursorConfig().render(spec(ResolverKind.PDNS_RECURSOR), DIR);
        assertThat(plain).contains("local-address=127.0.2.53\n", "local-port=53\n", "query-local-address=127.0.2.53\n",
                "forward-zones=office365.com.=127.0.0.1:5399, office.com.=127.0.0.1:5399, lab.test.=127.0.0.1:5399\n",
                "forward-zones-recurse=.=127.0.0.1:5399\n", "dnssec=off\n", "threads=1\n",
                "pdns-distributes-queries=no\n", "qname-minimization=no\n", "minimum-ttl-override=0\n");
        assertThat(plain).doesNotContain("ecs-add-for", "edns-subnet");
        String ecs = new PdnsRecursorConfig().render(spec(ResolverKind.PDNS_RECURSOR).withEcs(EcsMode.CLIENT), DIR);
        assertThat(ecs).contains("ecs-add-for=0.0.0.0/0, ::/0\n",
                "edns-subnet-allow-list=office365.com., office.com., lab.test., 127.0.0.1\n", "ecs-ipv4-bits=24\n",
                "ecs-minimum-ttl-override=0\n");
        assertThat(new PdnsRecursorConfig().command(Path.of("/usr/sbin/pdns_recursor"), spec(ResolverKind.PDNS_RECURSOR), DIR))
                .contains("--config-dir=/tmp/geodns-test-instance", "--socket-dir=/tmp/geodns-test-instance", "--daemon=no");
    }

    @Test
    void kresdConfigForwardsZonesWithoutTrustAnchorOrBackgroundQueries() {
        String c = new KresdConfig().render(spec(ResolverKind.KNOT_RESOLVER), DIR);
        assertThat(c).contains("net.listen('127.0.2.53', 53, { kind = 'dns' })\n", "net.outgoing_v4('127.0.2.53')\n",
                "trust_anchors.remove('.')\n", "modules.unload('priming')\n", "modules.unload('ta_update')\n",
                "modules.unload('ta_sentinel')\n", "modules.unload('detect_time_jump')\n", "cache.min_ttl(0)\n",
                "policy.add(policy.suffix(policy.FORWARD({'127.0.0.1@5399'}), policy.todnames({'office365.com.', "
                        + "'office.com.', 'lab.test.'})))\n",
                "policy.add(policy.all(policy.FORWARD({'127.0.0.1@5399'})))\n");
        assertThat(c).doesNotContain("NO_0X20");
        String no0x20 = new KresdConfig().render(spec(ResolverKind.KNOT_RESOLVER).withCaseRandomisation(false)
                .withExactTtl(false), DIR);
        assertThat(no0x20.indexOf("NO_0X20")).isPositive().isLessThan(no0x20.indexOf("policy.FORWARD"));
        assertThat(no0x20).doesNotContain("cache.min_ttl(0)");
    }

    @Test
    void dnsmasqConfigBindsItsOwnAddressAndForwardsFromIt() {
        String plain = new DnsmasqConfig().render(spec(ResolverKind.DNSMASQ), DIR);
        assertThat(plain).contains("listen-address=127.0.2.53\n", "bind-interfaces\n", "port=53\n", "no-resolv\n",
                "no-hosts\n", "server=/office365.com/127.0.0.1#5399@127.0.2.53\n", "server=/lab.test/127.0.0.1#5399@127.0.2.53\n",
                "server=127.0.0.1#5399@127.0.2.53\n");
        assertThat(plain).doesNotContain("add-subnet");
        assertThat(new DnsmasqConfig().render(spec(ResolverKind.DNSMASQ).withEcs(EcsMode.CLIENT), DIR))
                .contains("add-subnet=24,56\n");
    }

    @Test
    void outgoingSourceCanDifferFromListenAddress() {
        ResolverSpec s = spec(ResolverKind.DNSMASQ).withOutgoing(Lab.ip("127.0.3.53")).withPort(5353);
        assertThat(new DnsmasqConfig().render(s, DIR)).contains("port=5353\n", "#5399@127.0.3.53\n");
        assertThat(new UnboundConfig().render(s, DIR)).contains("outgoing-interface: 127.0.3.53\n", "port: 5353\n");
        assertThat(new KresdConfig().render(s, DIR)).contains("net.outgoing_v4('127.0.3.53')");
        assertThat(new PdnsRecursorConfig().render(s, DIR)).contains("query-local-address=127.0.3.53\n");
    }
}
