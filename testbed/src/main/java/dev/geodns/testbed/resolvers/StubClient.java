package dev.geodns.testbed.resolvers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A stub client that asks a resolver from the client's own source address (RD=1, as an end host
 * does), so caching, TTLs, ECS and case are the resolver's own: {@link #dig()} ({@code dig -b}),
 * {@link #kdig()} ({@code kdig -b}) or {@link #dnsjava()} (dnsjava's {@code SimpleResolver} bound
 * to the client address). The JDK's own DNS client (JNDI {@code dns://}) is not offered: it cannot
 * choose its source address, so every client would look like 127.0.0.1. Thread-safe.
 */
public abstract class StubClient {
    /** How long one query may take before it counts as {@code TIMEOUT} (one try, no retry). */
    public static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final String name;

    private StubClient(String name) {
        this.name = name;
    }

    /** {@code dig} from the Debian package dnsutils (BIND 9). */
    public static StubClient dig() {
        return new External("dig", "dnsutils");
    }

    /** {@code kdig} from the Debian package knot-dnsutils. */
    public static StubClient kdig() {
        return new External("kdig", "knot-dnsutils");
    }

    /** dnsjava's {@code SimpleResolver}, in process. */
    public static StubClient dnsjava() {
        return new DnsJava();
    }

    /** The tool's name: {@code dig}, {@code kdig} or {@code dnsjava}. */
    public String name() {
        return name;
    }

    /**
     * Asks {@code resolver} for {@code name}/{@code type} (a {@link Type} value) from {@code client}.
     * A reply that does not come within {@link #TIMEOUT} gives rcode {@code TIMEOUT}.
     *
     * @throws ResolverUnavailableException when the tool is not installed (names the Debian package)
     */
    public abstract StubAnswer query(InetAddress client, InetSocketAddress resolver, String name, int type)
            throws IOException, InterruptedException, ResolverUnavailableException;

    /** An A query. */
    public StubAnswer query(InetAddress client, InetSocketAddress resolver, String name)
            throws IOException, InterruptedException, ResolverUnavailableException {
        return query(client, resolver, name, Type.A);
    }

    @Override
    public String toString() {
        return name;
    }

    /** dig or kdig, run as a process; their output is read by {@link DigOutput}. */
    private static final class External extends StubClient {
        private final String debianPackage;

        External(String name, String debianPackage) {
            super(name);
            this.debianPackage = debianPackage;
        }

        @Override
        public StubAnswer query(InetAddress client, InetSocketAddress resolver, String qname, int type)
                throws IOException, InterruptedException, ResolverUnavailableException {
            String binary = Executables.require(name(), debianPackage).toString();
            long secs = TIMEOUT.toSeconds();
            List<String> cmd = new ArrayList<>(List.of(binary, "-b", Hosts.text(client),
                    "@" + Hosts.text(resolver.getAddress()), "-p", Integer.toString(resolver.getPort()),
                    qname, Type.string(type), "+time=" + secs));
            cmd.add(name().equals("dig") ? "+tries=1" : "+retry=0");
            long start = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (!p.waitFor(secs + 3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new StubAnswer(name(), qname, "TIMEOUT", List.of(), null, Duration.ofNanos(System.nanoTime() - start));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return DigOutput.parse(name(), qname, out, took);
        }
    }

    /** dnsjava's SimpleResolver bound to the client's address; one UDP try, TCP when truncated. */
    private static final class DnsJava extends StubClient {
        DnsJava() {
            super("dnsjava");
        }

        @Override
        public StubAnswer query(InetAddress client, InetSocketAddress resolver, String qname, int type) throws IOException {
            SimpleResolver r = new SimpleResolver(resolver);
            r.setLocalAddress(new InetSocketAddress(client, 0));
            r.setTimeout(TIMEOUT);
            r.setEDNS(0, 1232, 0, List.of());
            Message q = Message.newQuery(Record.newRecord(Name.fromString(qname, Name.root), type, DClass.IN));
            long start = System.nanoTime();
            Message m;
            try {
                m = r.send(q);
            } catch (SocketTimeoutException e) {
                return new StubAnswer(name(), qname, "TIMEOUT", List.of(), null, Duration.ofNanos(System.nanoTime() - start));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            List<StubAnswer.Rr> rrs = new ArrayList<>();
            for (Record rec : m.getSection(Section.ANSWER)) {
                rrs.add(new StubAnswer.Rr(rec.getName().toString(), rec.getTTL(), Type.string(rec.getType()),
                        rec.rdataToString()));
            }
            return new StubAnswer(name(), qname, Rcode.string(m.getRcode()), rrs, ecsScope(m), took);
        }

        private static Integer ecsScope(Message m) {
            OPTRecord opt = m.getOPT();
            if (opt == null) {
                return null;
            }
            for (EDNSOption o : opt.getOptions(EDNSOption.Code.CLIENT_SUBNET)) {
                if (o instanceof ClientSubnetOption cs) {
                    return cs.getScopePrefixLength();
                }
            }
            return null;
        }
    }
}
