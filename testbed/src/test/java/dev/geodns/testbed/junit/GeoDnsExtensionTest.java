package dev.geodns.testbed.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

@GeoDnsTest(drained = "fra")
class GeoDnsExtensionTest {
    /** Injected into fields too. */
    GeoDnsLab lab;

    private int portInBeforeEach;

    @BeforeEach
    void rememberPort(GeoDnsLab fromParameter) {
        portInBeforeEach = fromParameter.port();
    }

    private Message ask(String source, String name, boolean tcp, ClientSubnetOption ecs) throws Exception {
        SimpleResolver r = new SimpleResolver(lab.address());
        r.setLocalAddress(new InetSocketAddress(source, 0));
        r.setTCP(tcp);
        r.setTimeout(Duration.ofSeconds(3));
        if (ecs != null) {
            r.setEDNS(0, 1232, 0, List.of(ecs));
        }
        return r.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)));
    }

    private String siteOf(Message m) {
        return m.getSection(Section.ANSWER).stream().filter(r -> r instanceof ARecord)
                .map(r -> lab.siteOf(((ARecord) r).getAddress()).id()).findFirst().orElse(null);
    }

    @Test
    void fieldAndParametersGetTheSameServerOnLoopback(GeoDnsLab parameter) {
        assertThat(lab).isSameAs(parameter);
        assertThat(lab.port()).isEqualTo(portInBeforeEach).isPositive();
        assertThat(lab.host()).isEqualTo("127.0.0.1");
        assertThat(lab.world().name()).isEqualTo("office365");
        assertThat(lab.queryCount()).isZero();
    }

    @Test
    void classLevelDrainedSitesAreDrainedFromTheStart() throws Exception {
        assertThat(lab.drained()).containsExactly("fra");
        assertThat(siteOf(ask("127.0.1.53", "outlook.office365.com.", false, null))).isEqualTo("hhn");
        lab.restore("fra");
        assertThat(siteOf(ask("127.0.1.53", "outlook.office365.com.", false, null))).isEqualTo("fra");
    }

    @Test
    void udpAndTcpShareThePortAndEveryQueryIsRecorded() throws Exception {
        ask("127.0.9.53", "outlook.office365.com.", false, null);
        ask("127.0.9.53", "portal.office.com.", true, null);
        ask("127.0.9.53", "nope.office365.com.", false, null);
        // sign-in honours ECS in the built-in world (Exchange is located by the resolver only)
        ask("127.0.2.53", "login.microsoftonline.com.", false,
                new ClientSubnetOption(24, InetAddress.getByName("127.0.6.0")));
        ArrivedQuery first = lab.takeQuery();
        assertThat(first.transport()).isEqualTo("UDP");
        assertThat(first.site()).isEqualTo("nrt");
        assertThat(first.type()).isEqualTo("A");
        assertThat(lab.takeQuery().transport()).isEqualTo("TCP");
        ArrivedQuery missing = lab.takeQuery();
        assertThat(missing.rcode()).isEqualTo("NXDOMAIN");
        assertThat(missing.site()).isNull();
        ArrivedQuery ecs = lab.takeQuery();
        assertThat(ecs.ecs()).isEqualTo("127.0.6.0/24");
        assertThat(ecs.ecsScope()).isEqualTo(24);
        assertThat(ecs.site()).as("Berlin by ECS").isEqualTo("de-berlin");
        assertThat(lab.takeQuery(Duration.ofMillis(50))).isNull();
        assertThat(lab.queries()).hasSize(4);
        lab.clearQueries();
        assertThat(lab.queries()).isEmpty();
    }

    @Test
    @GeoDnsTest(world = "classpath:/dev/geodns/config/office365-world.yaml")
    void methodAnnotationOverridesTheClassOne() throws Exception {
        assertThat(lab.drained()).isEmpty();
        assertThat(siteOf(ask("127.0.1.53", "outlook.office365.com.", false, null))).isEqualTo("fra");
    }

    @Test
    void misconfiguredTestsFailWithAClearReason() {
        TestExecutionSummary unknownSite = runInner(UnknownDrainedSite.class);
        assertThat(unknownSite.getTotalFailureCount()).isEqualTo(1);
        assertThat(unknownSite.getFailures().get(0).getException())
                .hasMessageContaining("@GeoDnsTest drained: no site 'atlantis' in world office365");
        TestExecutionSummary noFile = runInner(MissingWorld.class);
        assertThat(noFile.getFailures().get(0).getException())
                .hasMessageContaining("@GeoDnsTest world does-not-exist.yaml is invalid");
    }

    private static TestExecutionSummary runInner(Class<?> testClass) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(), listener);
        return listener.getSummary();
    }

    /** Run only through {@link #runInner}: its class name keeps Surefire away. */
    @GeoDnsTest(drained = "atlantis")
    static class UnknownDrainedSite {
        @Test
        void never(GeoDnsLab lab) {
        }
    }

    @GeoDnsTest(world = "does-not-exist.yaml")
    static class MissingWorld {
        @Test
        void never(GeoDnsLab lab) {
        }
    }
}
