package dev.geodns.testbed.junit;

import dev.geodns.config.model.Site;
import dev.geodns.config.model.World;
import dev.geodns.server.GeoDnsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The running server of one {@link GeoDnsTest}: where to send queries, how to drain and restore
 * sites, and which queries arrived. Thread-safe: queries are recorded from the server's event loop
 * while the test reads them.
 */
public final class GeoDnsLab {
    private final GeoDnsServer server;
    private final List<ArrivedQuery> arrived;
    private final BlockingQueue<ArrivedQuery> untaken;

    GeoDnsLab(GeoDnsServer server, List<ArrivedQuery> arrived, BlockingQueue<ArrivedQuery> untaken) {
        this.server = server;
        this.arrived = arrived;
        this.untaken = untaken;
    }

    /** The DNS address: 127.0.0.1 and an ephemeral port, UDP and TCP. */
    public InetSocketAddress address() {
        return server.dnsAddresses().get(0);
    }

    public String host() {
        return address().getAddress().getHostAddress();
    }

    public int port() {
        return address().getPort();
    }

    /** The world being served. */
    public World world() {
        return server.current().world();
    }

    /** Takes a site out of routing: policies skip it from now on (its own regional name still answers). */
    public void drain(String siteId) {
        requireSite(siteId);
        server.drain(siteId);
    }

    public void restore(String siteId) {
        requireSite(siteId);
        server.restore(siteId);
    }

    public List<String> drained() {
        return server.drainedSites();
    }

    /** The site whose answer addresses include {@code address}, or null: maps an answer back to a site. */
    public Site siteOf(InetAddress address) {
        return server.current().snapshot().siteOfAddress(address);
    }

    /** Every query answered so far in this test, in arrival order (a copy). */
    public List<ArrivedQuery> queries() {
        synchronized (arrived) {
            return new ArrayList<>(arrived);
        }
    }

    public int queryCount() {
        synchronized (arrived) {
            return arrived.size();
        }
    }

    /**
     * The oldest query not taken yet, waiting up to 5 seconds for one (like MockWebServer's
     * {@code takeRequest}); null when none came.
     */
    public ArrivedQuery takeQuery() throws InterruptedException {
        return takeQuery(Duration.ofSeconds(5));
    }

    public ArrivedQuery takeQuery(Duration timeout) throws InterruptedException {
        return untaken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Forgets the queries seen so far. */
    public void clearQueries() {
        synchronized (arrived) {
            arrived.clear();
            untaken.clear();
        }
    }

    /** The server itself, for what this class does not cover (reload, the serving state). */
    public GeoDnsServer server() {
        return server;
    }

    private void requireSite(String siteId) {
        if (world().site(siteId).isEmpty()) {
            throw new IllegalArgumentException("no site '" + siteId + "' in world " + world().name());
        }
    }

}
