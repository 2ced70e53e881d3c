package dev.geodns.testbed.junit;

import dev.geodns.config.ConfigError;
import dev.geodns.config.LoopbackAnswerPlan;
import dev.geodns.config.WorldException;
import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.LabNetwork;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.World;
import dev.geodns.server.GeoDnsServer;
import dev.geodns.server.engine.ServingState;
import dev.geodns.server.faults.FaultRules;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The running server of one {@link GeoDnsTest}: where to send queries, how to drain and restore
 * sites, switch faults on and off and reload the world, which queries arrived and how each was
 * routed, and the front doors when asked for. Thread-safe: queries are recorded from the server's
 * event loop while the test reads them.
 */
public final class GeoDnsLab implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final GeoDnsServer server;
    private final List<ArrivedQuery> arrived;
    private final BlockingQueue<ArrivedQuery> untaken;
    private final LabFrontDoors frontDoors;

    GeoDnsLab(GeoDnsServer server, List<ArrivedQuery> arrived, BlockingQueue<ArrivedQuery> untaken,
            LabFrontDoors frontDoors) {
        this.server = server;
        this.arrived = arrived;
        this.untaken = untaken;
        this.frontDoors = frontDoors;
    }

    /** The DNS address: 127.0.0.1 and an ephemeral port, UDP and TCP. */
    public InetSocketAddress address() {
        return server.dnsAddresses().get(0);
    }

    /** The IPv6 DNS address ({@code [::1]}, an ephemeral port) of a {@code @GeoDnsTest(ipv6 = true)} lab. */
    public InetSocketAddress ipv6Address() {
        return server.dnsAddresses().stream().filter(a -> a.getAddress() instanceof Inet6Address).findFirst()
                .orElseThrow(() -> new IllegalStateException("no IPv6 listener: use @GeoDnsTest(ipv6 = true)"));
    }

    /**
     * The fault rules the server applies from the next query on: {@code lab.faults().add(
     * FaultRule.of(Fault.TRUNCATE).name("outlook.office365.com"))}, {@code .clear()}. Rules a test
     * leaves are cleared after it (kept across tests of a {@code perClass} lab).
     */
    public FaultRules faults() {
        return server.faults();
    }

    /**
     * A source address in {@code place} of the lab plan (a city such as {@code Sydney}, or
     * {@code Sydney, AU}): an address of its loopback network ({@code 127.0.4.10}), which a client
     * can bind to, so the server locates the query there.
     *
     * @throws IllegalArgumentException naming the places the plan knows, when it has no such network
     */
    public InetAddress resolverIn(String place) {
        return resolverIn(place, false);
    }

    /**
     * As {@link #resolverIn(String)}; with {@code ipv6} an address of the place's IPv6 network
     * ({@code 2001:db8:4::10}). Lab IPv6 networks are documentation addresses the host does not
     * have: send that one as an ECS address (or locate it with {@code explain}); a client can only
     * bind {@code ::1}.
     */
    public InetAddress resolverIn(String place, boolean ipv6) {
        String wanted = place.strip().toLowerCase(Locale.ROOT);
        List<String> known = new ArrayList<>();
        for (LabNetwork n : world().networks()) {
            String city = n.place().city() == null ? "" : n.place().city().toLowerCase(Locale.ROOT);
            String label = n.place().label().toLowerCase(Locale.ROOT);
            boolean family = ipv6 ? !n.cidr().isIpv4() : n.cidr().isIpv4() && n.cidr().networkAddress().isLoopbackAddress();
            if (family && n.cidr().prefixLength() <= (ipv6 ? 120 : 24)) {
                if (wanted.equals(city) || wanted.equals(label)) {
                    return n.cidr().addressAt(ipv6 ? 0x10 : 10);
                }
                known.add(n.place().label());
            }
        }
        throw new IllegalArgumentException("no " + (ipv6 ? "IPv6" : "loopback IPv4") + " network for '" + place
                + "' in the lab plan of world " + world().name() + "; it has " + String.join("; ", known));
    }

    /** What {@link #reload} did: whether the new world is served, the generation served, the errors. */
    public record Reload(boolean ok, long generation, List<String> errors) {
    }

    /**
     * Replaces the served world with {@code worldYaml} (the text of a world file), as a reload does:
     * a world with errors is refused and the old one keeps serving. Drains of sites that still
     * exist stay; with front doors, the new world goes on the loopback answer plan too.
     */
    public Reload reload(String worldYaml) {
        try {
            return reload(WorldLoader.parse(worldYaml, "reload", null));
        } catch (WorldException e) {
            return refused(e);
        }
    }

    /** As {@link #reload(String)}, from a world file (its zone files relative to it). */
    public Reload reload(Path worldFile) {
        try {
            return reload(WorldLoader.load(worldFile));
        } catch (WorldException e) {
            return refused(e);
        }
    }

    private Reload reload(World world) {
        try {
            World served = frontDoors == null ? world : LoopbackAnswerPlan.apply(world);
            ServingState s = server.reload(served, List.of());
            return new Reload(true, s.generation(), List.of());
        } catch (WorldException e) {
            return refused(e);
        } catch (IllegalArgumentException e) {
            return new Reload(false, server.current().generation(), List.of(e.getMessage()));
        }
    }

    private Reload refused(WorldException e) {
        return new Reload(false, server.current().generation(),
                e.errors().stream().map(ConfigError::toString).toList());
    }

    /** The front doors of a {@code @GeoDnsTest(frontDoors = true)} lab. */
    public LabFrontDoors frontDoors() {
        if (frontDoors == null) {
            throw new IllegalStateException("no front doors: use @GeoDnsTest(frontDoors = true)");
        }
        return frontDoors;
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

    /** Stops the front doors and the server. */
    @Override
    public void close() {
        if (frontDoors != null) {
            frontDoors.close();
        }
        server.close();
    }

    private void requireSite(String siteId) {
        if (world().site(siteId).isEmpty()) {
            throw new IllegalArgumentException("no site '" + siteId + "' in world " + world().name());
        }
    }
}
