package dev.geodns.bench;

import dev.geodns.config.WorldLoader;
import dev.geodns.server.GeoDnsServer;
import dev.geodns.server.cli.Main;
import dev.geodns.server.metrics.ServerMetrics;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole UDP path in one JVM: a query for {@code outlook.office365.com} (geo),
 * {@code contoso.sharepoint.com} (per tenant), {@code LHR-efz.ms-acdc.office.com} (static, no
 * routing) or the three in turn ({@code mix}, as the comparison's load asks) from a Sydney lab
 * address (127.0.4.1) sent over loopback to a server with the built-in world, one UDP thread and
 * the metrics {@code serve} counts with, and its answer read back. The server's UDP transport is what the JVM gives it: the recvmmsg
 * loop on JDK 22+ (with a jar built by JDK 22+), Netty on JDK 17. Time per op is a round trip,
 * mostly kernel; the point is allocation: after each iteration the benchmark prints the bytes the
 * server's threads allocated per query (all threads but the benchmark's own, which only sends and
 * reads), as {@code -prof gc} may count the client thread only.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar UdpPathBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class UdpPathBenchmark {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Param({"outlook.office365.com", "contoso.sharepoint.com", "LHR-efz.ms-acdc.office.com", MIX})
    public String name;

    static final String MIX = "mix";
    private static final String[] MIXED = {"outlook.office365.com", "contoso.sharepoint.com",
        "LHR-efz.ms-acdc.office.com"};

    private GeoDnsServer server;
    private DatagramChannel client;
    private ByteBuffer[] packets;
    private int next;
    private final ByteBuffer answer = ByteBuffer.allocateDirect(4096);
    private long queries;
    private long serverBytesBefore;

    @Setup(Level.Trial)
    public void start() throws Exception {
        Main.applyNettyDefaultsUnlessAsked(); // as serve does
        ServerMetrics metrics = new ServerMetrics();
        server = GeoDnsServer.builder().world(WorldLoader.builtIn()).observer(metrics.dns())
                .transportListener(metrics.transport()).dns(new InetSocketAddress("127.0.0.1", 0)).threads(1).start();
        System.out.println("\nUDP transport: " + (server.recvmmsgUdp() ? "recvmmsg loop" : "Netty")
                + " on JDK " + Runtime.version().feature());
        client = DatagramChannel.open(StandardProtocolFamily.INET);
        client.bind(new InetSocketAddress("127.0.4.1", 0));
        client.connect(server.dnsAddresses().get(0));
        String[] names = MIX.equals(name) ? MIXED : new String[] {name};
        packets = new ByteBuffer[names.length];
        for (int i = 0; i < names.length; i++) {
            packets[i] = Packets.query(names[i]).nioBuffer();
        }
        for (String n : names) {
            if (roundTrip() < 100) {
                throw new IllegalStateException("no answer with records for " + n);
            }
        }
    }

    @Setup(Level.Iteration)
    public void countFromHere() {
        queries = 0;
        serverBytesBefore = serverThreadBytes();
    }

    @Benchmark
    public int roundTrip() throws Exception {
        ByteBuffer query = packets[next];
        next = next + 1 == packets.length ? 0 : next + 1;
        query.rewind();
        client.write(query);
        answer.clear();
        queries++;
        return client.read(answer);
    }

    @TearDown(Level.Iteration)
    public void report() {
        long bytes = serverThreadBytes() - serverBytesBefore;
        System.out.printf("%nserver threads allocated %.2f B/query over %,d queries%n",
                (double) bytes / Math.max(1, queries), queries);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        client.close();
        server.close();
    }

    private static long serverThreadBytes() {
        long self = Thread.currentThread().getId();
        long sum = 0;
        for (long id : THREADS.getAllThreadIds()) {
            if (id != self) {
                long b = THREADS.getThreadAllocatedBytes(id);
                sum += Math.max(0, b);
            }
        }
        return sum;
    }
}
