package dev.geodns.server.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodns.config.WorldLoader;
import dev.geodns.server.GeoDnsServer;
import dev.geodns.server.engine.AnsweredQuery;
import dev.geodns.server.engine.QueryObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** Fault rules on a real server, seen by dnsjava over the wire: what each fault does to a client. */
class FaultInjectionWireTest {
    private static final String NAME = "outlook.office365.com.";
    private static final String FRANKFURT = "127.0.1.31";
    private static final String SYDNEY = "127.0.4.31";

    private final List<String> arrived = new CopyOnWriteArrayList<>();
    private final FaultRules faults = new FaultRules();
    private GeoDnsServer server;

    @BeforeEach
    void start() throws Exception {
        QueryObserver observer = new QueryObserver() {
            @Override
            public void answered(AnsweredQuery q) {
                arrived.add(q.transport() + " " + Rcode.string(q.rcode()) + (q.truncated() ? " TC" : "")
                        + (q.fault() == null ? "" : " " + q.fault().tag()));
            }
        };
        server = GeoDnsServer.builder().world(WorldLoader.builtIn()).dns(new InetSocketAddress("127.0.0.1", 0))
                .threads(1).observer(observer).faults(faults).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SimpleResolver resolver(String source, Duration timeout) throws IOException {
        SimpleResolver r = new SimpleResolver(server.dnsAddresses().get(0));
        r.setLocalAddress(new InetSocketAddress(InetAddress.getByName(source), 0));
        r.setTimeout(timeout);
        return r;
    }

    private static Message query(String name, int type) throws IOException {
        return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    }

    @Test
    void noRuleNoFault() throws Exception {
        Message m = resolver(FRANKFURT, Duration.ofSeconds(2)).send(query(NAME, Type.A));
        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(m.getSection(Section.ANSWER)).isNotEmpty();
        assertThat(faults.active()).isFalse();
    }

    @Test
    void truncationOverUdpMakesDnsjavaAskAgainOverTcp() throws Exception {
        faults.add(FaultRule.of(Fault.TRUNCATE).name(NAME));
        Message m = resolver(FRANKFURT, Duration.ofSeconds(2)).send(query(NAME, Type.A));
        assertThat(m.getHeader().getFlag(Flags.TC)).as("the TCP answer is whole").isFalse();
        assertThat(m.getSection(Section.ANSWER)).isNotEmpty();
        assertThat(arrived).containsExactly("UDP NOERROR TC truncate", "TCP NOERROR");
        assertThat(faults.applied(Fault.TRUNCATE)).isEqualTo(1);
    }

    @Test
    void dropMakesASingleResolverTimeOutAndARetryingOneAskAgain() throws Exception {
        faults.add(FaultRule.of(Fault.DROP).name("*.office365.com").times(1));
        SimpleResolver single = resolver(FRANKFURT, Duration.ofMillis(400));
        assertThatThrownBy(() -> single.send(query(NAME, Type.A))).isInstanceOf(IOException.class);
        assertThat(arrived).as("a dropped query is not answered").isEmpty();

        faults.add(FaultRule.of(Fault.DROP).name("*.office365.com").times(1));
        ExtendedResolver retrying = new ExtendedResolver(new SimpleResolver[] {resolver(FRANKFURT, Duration.ofMillis(400))});
        retrying.setRetries(3);
        retrying.setTimeout(Duration.ofSeconds(3)); // the whole resolution; each try waits 400 ms
        Message m = retrying.send(query(NAME, Type.A));
        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(faults.applied(Fault.DROP)).isEqualTo(2);
        assertThat(arrived).containsExactly("UDP NOERROR");
    }

    @Test
    void servfailAndRefusedAreEmptyAnswersWithThatRcode() throws Exception {
        FaultRule servfail = faults.add(FaultRule.of(Fault.SERVFAIL).name(NAME).type("A"));
        faults.add(FaultRule.of(Fault.REFUSED).name(NAME).type("AAAA"));
        SimpleResolver r = resolver(FRANKFURT, Duration.ofSeconds(2));
        Message a = r.send(query(NAME, Type.A));
        Message aaaa = r.send(query(NAME, Type.AAAA));
        assertThat(a.getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(a.getSection(Section.ANSWER)).isEmpty();
        assertThat(aaaa.getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(r.send(query("office365.com.", Type.SOA)).getRcode()).as("other names").isEqualTo(Rcode.NOERROR);

        assertThat(faults.remove(servfail.id())).isTrue();
        assertThat(r.send(query(NAME, Type.A)).getRcode()).isEqualTo(Rcode.NOERROR);
        faults.clear();
        assertThat(r.send(query(NAME, Type.AAAA)).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(faults.active()).isFalse();
    }

    @Test
    void aRuleForASiteAppliesOnlyToClientsRoutedThere() throws Exception {
        String frankfurtSite = siteOf(FRANKFURT);
        String sydneySite = siteOf(SYDNEY);
        assertThat(frankfurtSite).isNotEqualTo(sydneySite);
        faults.add(FaultRule.of(Fault.SERVFAIL).site(frankfurtSite));
        assertThat(resolver(FRANKFURT, Duration.ofSeconds(2)).send(query(NAME, Type.A)).getRcode())
                .isEqualTo(Rcode.SERVFAIL);
        assertThat(resolver(SYDNEY, Duration.ofSeconds(2)).send(query(NAME, Type.A)).getRcode())
                .isEqualTo(Rcode.NOERROR);
    }

    @Test
    void wrongIdIsNotTakenForTheAnswer() throws Exception {
        faults.add(FaultRule.of(Fault.WRONG_ID).name(NAME).udpOnly());
        SimpleResolver r = resolver(FRANKFURT, Duration.ofMillis(500));
        Message q = query(NAME, Type.A);
        // dnsjava rejects the reply (an id mismatch fails the query, or it waits on for the right one)
        assertThatThrownBy(() -> r.send(q)).isInstanceOf(IOException.class);
        assertThat(arrived).containsExactly("UDP NOERROR wrong-id");
        r.setTCP(true);
        assertThat(r.send(query(NAME, Type.A)).getRcode()).as("the rule is UDP's only").isEqualTo(Rcode.NOERROR);
    }

    @Test
    void aDelayedAnswerDoesNotHoldUpOthersOnTheSameEventLoop() throws Exception {
        faults.add(FaultRule.delay(Duration.ofMillis(600), Duration.ofMillis(100)).name(NAME));
        SimpleResolver slow = resolver(FRANKFURT, Duration.ofSeconds(3));
        long start = System.nanoTime();
        CompletableFuture<Message> delayed = slow.sendAsync(query(NAME, Type.A)).toCompletableFuture();
        Thread.sleep(50);
        Message fast = resolver(SYDNEY, Duration.ofSeconds(3)).send(query("office365.com.", Type.SOA));
        long fastMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(fast.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(fastMs).as("one event loop thread, not blocked by the delay").isLessThan(500);
        assertThat(delayed).isNotDone();
        Message m = delayed.get(3, TimeUnit.SECONDS);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(m.getSection(Section.ANSWER)).isNotEmpty();
        assertThat(ms).isBetween(600L, 2500L);

        slow.setTCP(true);
        long tcpStart = System.nanoTime();
        assertThat(slow.send(query(NAME, Type.A)).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - tcpStart)).as("over TCP too").isGreaterThanOrEqualTo(600L);
    }

    private String siteOf(String source) throws Exception {
        List<String> sites = new CopyOnWriteArrayList<>();
        Message m = resolver(source, Duration.ofSeconds(2)).send(query(NAME, Type.A));
        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
        var explained = new dev.geodns.server.engine.Explainer(server::current)
                .explain(NAME, Type.A, InetAddress.getByName(source), null);
        @SuppressWarnings("unchecked")
        var decision = (java.util.Map<String, Object>) explained.get("decision");
        sites.add((String) decision.get("site"));
        arrived.clear();
        return sites.get(0);
    }
}
