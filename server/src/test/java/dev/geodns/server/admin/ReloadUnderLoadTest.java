package dev.geodns.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Queries from several threads (UDP and TCP) while another thread reloads good and bad worlds in a
 * loop through {@code POST /reload}: every query is answered, and every answer comes whole from
 * world A or whole from world B ({@link OpsWorlds}), never from a mix or a half-loaded world.
 */
class ReloadUnderLoadTest {
    private static final int THREADS = 4;
    private static final int QUERIES = 500;
    /** Queries continue past {@link #QUERIES} (up to this many) until enough reloads overlapped them. */
    private static final int MAX_QUERIES = 5_000;
    private static final int MIN_GOOD_RELOADS = 4;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everyQueryIsAnsweredFromOneWholeWorld() throws Exception {
        try (AdminFixture f = AdminFixture.start(dir)) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger goodReloads = new AtomicInteger();
            AtomicInteger badReloads = new AtomicInteger();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            AtomicInteger seenA = new AtomicInteger();
            AtomicInteger seenB = new AtomicInteger();
            AtomicInteger answered = new AtomicInteger();

            ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
            Future<?> reloads = pool.submit(() -> {
                int step = 0;
                while (!stop.get()) {
                    switch (step++ % 4) {
                        case 0 -> OpsWorlds.writeB(dir);
                        case 1 -> OpsWorlds.writeBrokenWorld(dir);
                        case 2 -> OpsWorlds.writeA(dir);
                        default -> OpsWorlds.writeBrokenZone(dir);
                    }
                    boolean good = step % 2 == 1;
                    HttpResponse<String> r = f.post("/reload");
                    if (r.statusCode() != (good ? 200 : 422)) {
                        problems.add("reload step " + step + ": HTTP " + r.statusCode() + " " + r.body());
                    }
                    (good ? goodReloads : badReloads).incrementAndGet();
                }
                return null;
            });
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                boolean tcp = t % 2 == 1;
                clients.add(pool.submit(() -> {
                    SimpleResolver r = f.resolver("127.0.1.1", tcp);
                    for (int i = 0; i < MAX_QUERIES && (i < QUERIES || goodReloads.get() < MIN_GOOD_RELOADS); i++) {
                        boolean geo = i % 2 == 0;
                        Message m = AdminFixture.query(r, geo ? "outlook.office365.com" : "alias.example.org", Type.A);
                        answered.incrementAndGet();
                        char world = geo ? geoWorld(m) : aliasWorld(m);
                        if (world == 'A') {
                            seenA.incrementAndGet();
                        } else if (world == 'B') {
                            seenB.incrementAndGet();
                        } else {
                            problems.add((tcp ? "tcp" : "udp") + " query " + i + " mixes worlds:\n" + m);
                        }
                    }
                    return null;
                }));
            }
            try {
                for (Future<?> c : clients) {
                    c.get(150, TimeUnit.SECONDS); // a timeout (an unanswered query) fails here
                }
            } finally {
                stop.set(true);
                reloads.get(60, TimeUnit.SECONDS);
                pool.shutdownNow();
            }

            assertThat(problems).isEmpty();
            assertThat(answered.get()).isGreaterThanOrEqualTo(THREADS * QUERIES);
            assertThat(goodReloads.get()).isGreaterThanOrEqualTo(MIN_GOOD_RELOADS);
            assertThat(badReloads.get()).isGreaterThanOrEqualTo(MIN_GOOD_RELOADS - 1);
            assertThat(seenA.get()).as("answers from world A").isPositive();
            assertThat(seenB.get()).as("answers from world B").isPositive();
            assertThat(f.server.current().generation()).isEqualTo(1 + goodReloads.get());
        }
    }

    /** 'A' or 'B' when the whole geo chain and its addresses come from one world, else '?'. */
    private static char geoWorld(Message m) {
        if (m.getRcode() != Rcode.NOERROR) {
            return '?';
        }
        String regional = null;
        List<String> addresses = new ArrayList<>();
        for (Record r : m.getSection(Section.ANSWER)) {
            if (r instanceof CNAMERecord c) {
                regional = c.getTarget().toString();
            } else if (r instanceof ARecord a) {
                addresses.add(a.getAddress().getHostAddress());
            }
        }
        if (addresses.isEmpty()) {
            return '?';
        }
        if ("FRA-efz.ms-acdc.office.com.".equals(regional) && addresses.stream().allMatch(a -> a.startsWith("198.18."))) {
            return 'A';
        }
        if ("FRA-b.ms-acdc.office.com.".equals(regional) && addresses.stream().allMatch(a -> a.startsWith("198.19."))) {
            return 'B';
        }
        return '?';
    }

    /** 'A' for alias -> www -> 192.0.2.1, 'B' for alias -> www2 -> 192.0.2.2, else '?'. */
    private static char aliasWorld(Message m) {
        List<Record> answer = m.getSection(Section.ANSWER);
        if (m.getRcode() != Rcode.NOERROR || answer.size() != 2
                || !(answer.get(0) instanceof CNAMERecord c) || !(answer.get(1) instanceof ARecord a)) {
            return '?';
        }
        String target = c.getTarget().toString();
        String address = a.getAddress().getHostAddress();
        if (target.equals("www.example.org.") && address.equals("192.0.2.1")) {
            return 'A';
        }
        if (target.equals("www2.example.org.") && address.equals("192.0.2.2")) {
            return 'B';
        }
        return '?';
    }
}
