package dev.geodns.testbed.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.geodns.config.WorldLoader;
import dev.geodns.server.faults.Fault;
import dev.geodns.server.faults.FaultRule;
import dev.geodns.testbed.resolvers.ResolverKind;
import dev.geodns.testbed.resolvers.ResolverProcess;
import dev.geodns.testbed.resolvers.ResolverSpec;
import dev.geodns.testbed.resolvers.ResolverUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
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
 * Real unbound in front of a {@link GeoDnsTest} lab with faults switched on: it asks again over TCP
 * on TC, retries a dropped query, and with {@code serve-expired: yes} serves its stale answer when
 * the authority fails. Each unbound listens on port 53 of an address no other test uses
 * (127.0.13.153, 127.0.15.153, 127.0.17.153). No unbound (or no right to bind port 53): skipped
 * with the reason, except in CI (env CI set), where it fails.
 */
@GeoDnsTest
class RealResolverFaultsTest {
    private static final String NAME = "outlook.office365.com.";

    private static ResolverProcess unbound(GeoDnsLab lab, String address) throws Exception {
        try {
            return ResolverProcess.start(ResolverSpec.forEmulator(ResolverKind.UNBOUND, InetAddress.getByName(address),
                    lab.server()));
        } catch (ResolverUnavailableException e) {
            throw unavailable(e.getMessage(), e);
        }
    }

    private static Message ask(ResolverProcess resolver, String name) throws Exception {
        SimpleResolver stub = new SimpleResolver(resolver.address());
        stub.setTimeout(Duration.ofSeconds(8));
        return stub.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)));
    }

    private static List<InetAddress> addresses(Message m) {
        return m.getSection(Section.ANSWER).stream().filter(r -> r instanceof ARecord)
                .map(r -> ((ARecord) r).getAddress()).toList();
    }

    @Test
    void unboundAsksAgainOverTcpWhenTheAnswerIsTruncated(GeoDnsLab lab) throws Exception {
        lab.faults().add(FaultRule.of(Fault.TRUNCATE)); // every UDP answer
        try (ResolverProcess resolver = unbound(lab, "127.0.13.153")) {
            Message m = ask(resolver, NAME);
            assertThat(m.getRcode()).as("%s", m).isEqualTo(Rcode.NOERROR);
            assertThat(addresses(m)).isNotEmpty();
        }
        List<ArrivedQuery> arrived = lab.queries();
        assertThat(arrived).filteredOn(q -> q.transport().equals("UDP")).isNotEmpty()
                .allSatisfy(q -> assertThat(q.truncated()).isTrue());
        assertThat(arrived).filteredOn(q -> q.transport().equals("TCP") && q.rcode().equals("NOERROR"))
                .as("unbound fell back to TCP").isNotEmpty();
        assertThat(lab.faults().applied(Fault.TRUNCATE)).isPositive();
    }

    @Test
    void unboundRetriesAQueryTheAuthorityDropped(GeoDnsLab lab) throws Exception {
        lab.faults().add(FaultRule.of(Fault.DROP).name(NAME).times(1));
        try (ResolverProcess resolver = unbound(lab, "127.0.15.153")) {
            long start = System.nanoTime();
            Message m = ask(resolver, NAME);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(m.getRcode()).as("%s", m).isEqualTo(Rcode.NOERROR);
            assertThat(addresses(m)).isNotEmpty();
            System.out.printf("unbound after one dropped query: answered in %d ms%n", ms);
        }
        assertThat(lab.faults().applied(Fault.DROP)).as("the first try was dropped").isEqualTo(1);
        assertThat(lab.queries()).as("the retry was answered")
                .anySatisfy(q -> assertThat(q.name()).isEqualTo(NAME));
    }

    @Test
    void unboundServesStaleWhenTheAuthorityFailsAfterACachedAnswer(GeoDnsLab lab) throws Exception {
        GeoDnsLab.Reload reload = lab.reload(oneSecondTtlWorld());
        assertThat(reload.ok()).as("%s", reload.errors()).isTrue();
        try (ResolverProcess resolver = unbound(lab, "127.0.17.153")) {
            unboundControl(resolver, "set_option", "serve-expired:", "yes");
            Message fresh = ask(resolver, NAME);
            assertThat(fresh.getRcode()).isEqualTo(Rcode.NOERROR);
            List<InetAddress> cached = addresses(fresh);
            assertThat(cached).isNotEmpty();

            lab.faults().add(FaultRule.of(Fault.SERVFAIL));
            Thread.sleep(2500); // every TTL of the chain (1 s) has run out
            Message stale = ask(resolver, NAME);
            assertThat(stale.getRcode()).as("%s", stale).isEqualTo(Rcode.NOERROR);
            // an RRset has no order (unbound rotates it): the same addresses, in any order
            assertThat(addresses(stale)).as("the expired answer, served stale").containsExactlyInAnyOrderElementsOf(cached);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (lab.faults().applied(Fault.SERVFAIL) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(lab.faults().applied(Fault.SERVFAIL)).as("unbound tried to refresh and got SERVFAIL")
                    .isPositive();
        }
    }

    /** The built-in world with the exchange chain's TTLs (30 s and 10 s) cut to 1 s. */
    private static String oneSecondTtlWorld() throws IOException {
        String text;
        try (InputStream in = WorldLoader.class.getResourceAsStream(WorldLoader.BUILT_IN_RESOURCE)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String geo = "{owner: outlook.ms-acdc.office.com, target: \"{site}-efz.ms-acdc.office.com\", ttl: 30}";
        String regional = "regional: {name: \"{site}-efz.ms-acdc.office.com\", ttl: 10}";
        assertThat(text).contains(geo, regional);
        return text.replace(geo, geo.replace("ttl: 30", "ttl: 1")).replace(regional, regional.replace("ttl: 10", "ttl: 1"));
    }

    private static void unboundControl(ResolverProcess resolver, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("unbound-control", "-c",
                resolver.configFile().toString()));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw unavailable("unbound-control is not installed", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    private static RuntimeException unavailable(String reason, Exception e) {
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
            fail("CI must install unbound (" + reason + ")", e);
        }
        Assumptions.abort("skipped: " + reason);
        return new IllegalStateException("unreachable");
    }
}
