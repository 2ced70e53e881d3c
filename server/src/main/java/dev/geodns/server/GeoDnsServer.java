package dev.geodns.server;

import dev.geodns.config.WorldException;
import dev.geodns.config.model.World;
import dev.geodns.config.model.ZoneSpec;
import dev.geodns.server.engine.QueryEngine;
import dev.geodns.server.engine.QueryObserver;
import dev.geodns.server.engine.ServingState;
import dev.geodns.server.faults.FaultRules;
import dev.geodns.server.proxy.ProxyGate;
import dev.geodns.server.proxy.ProxySettings;
import dev.geodns.server.transport.DnsServer;
import dev.geodns.server.transport.TcpSettings;
import dev.geodns.server.transport.TransportListener;
import dev.geodns.server.state.SharedState;
import dev.geodns.server.state.StateFileException;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A running emulator: the current world (swapped atomically on reload), the drain state that
 * outlives reloads, and the DNS listeners. The entry point for the CLI, the testbed and tests.
 */
public final class GeoDnsServer implements AutoCloseable {
    private final WorldState worldState;
    private final DnsServer dns;
    private final FaultRules faults;
    /** Where drains are shared with other replicas, or null when they live in this process only. */
    private volatile SharedState shared;

    private GeoDnsServer(WorldState worldState, DnsServer dns, FaultRules faults) {
        this.worldState = worldState;
        this.dns = dns;
        this.faults = faults;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The world being served now. */
    public ServingState current() {
        return worldState.current();
    }

    public WorldState worldState() {
        return worldState;
    }

    /** Loads {@code world} fully, then makes it the served world in one step; the old one keeps serving on error. */
    public ServingState reload(World world, List<ZoneSpec> zones) throws WorldException {
        return worldState.replace(world, zones);
    }

    /**
     * Drains a site: skipped by every policy from the next query on, and across reloads while it exists.
     *
     * @return true when it was live until now
     * @throws IllegalArgumentException for an unknown site id
     */
    public boolean drain(String siteId) {
        SharedState s = shared;
        return s != null ? s.change(siteId, true) : worldState.drainSite(siteId);
    }

    /**
     * Puts a drained site back into service.
     *
     * @return true when it was drained until now
     * @throws IllegalArgumentException for an unknown site id
     */
    public boolean restore(String siteId) {
        SharedState s = shared;
        return s != null ? s.change(siteId, false) : worldState.restoreSite(siteId);
    }

    /**
     * Keeps drains in {@code file}, shared with the other replicas that name it: applies it now,
     * then writes every drain or restore to it and serves what others write within a second.
     *
     * @throws StateFileException when the file exists and does not parse
     */
    public synchronized SharedState shareState(Path file, Consumer<String> log) throws StateFileException, IOException {
        if (shared != null) {
            throw new IllegalStateException("state already shared in " + shared.file());
        }
        shared = SharedState.start(file, worldState, log);
        return shared;
    }

    /** The shared state file, or null. */
    public SharedState sharedState() {
        return shared;
    }

    public List<String> drainedSites() {
        return worldState.drain().drainedIds();
    }

    /** The DNS addresses bound (UDP and TCP share each). */
    public List<InetSocketAddress> dnsAddresses() {
        return dns.boundAddresses();
    }

    /** The fault rules this server applies, or null when it was built without fault injection. */
    public FaultRules faults() {
        return faults;
    }

    public boolean nativeTransport() {
        return dns.nativeTransport();
    }

    /** True when UDP on some address is served by the recvmmsg loop (see {@code DnsServer}). */
    public boolean recvmmsgUdp() {
        return dns.recvmmsgUdp();
    }

    @Override
    public void close() {
        SharedState s = shared;
        if (s != null) {
            s.close();
        }
        dns.close();
    }

    /** Configures and starts a server. */
    public static final class Builder {
        private World world;
        private List<ZoneSpec> zones = List.of();
        private final List<InetSocketAddress> dnsAddresses = new ArrayList<>();
        private TcpSettings tcp = TcpSettings.DEFAULT;
        private QueryObserver observer = QueryObserver.NONE;
        private TransportListener transportListener = TransportListener.NONE;
        private int threads = Runtime.getRuntime().availableProcessors();
        private FaultRules faults;
        private ProxySettings proxy;

        public World world() {
            return world;
        }

        public List<ZoneSpec> zones() {
            return zones;
        }

        public Builder world(World world) {
            this.world = world;
            return this;
        }

        public Builder zones(List<ZoneSpec> zones) {
            this.zones = List.copyOf(zones);
            return this;
        }

        /** Adds a DNS listen address (UDP and TCP); port 0 picks a free port. */
        public Builder dns(InetSocketAddress address) {
            dnsAddresses.add(address);
            return this;
        }

        public Builder tcp(TcpSettings tcp) {
            this.tcp = tcp;
            return this;
        }

        public Builder observer(QueryObserver observer) {
            this.observer = observer;
            return this;
        }

        public Builder transportListener(TransportListener listener) {
            this.transportListener = listener;
            return this;
        }

        /**
         * Applies {@code rules} (switched on and off while serving): for labs and tests. UDP is then
         * served on Netty's event loops, which can delay a reply without blocking.
         */
        public Builder faults(FaultRules rules) {
            this.faults = rules;
            return this;
        }

        /** Believes PROXY v2 headers (UDP and TCP) from these proxies only; null (the default) for none. */
        public Builder proxy(ProxySettings proxy) {
            this.proxy = proxy;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Compiles the world and binds every address; nothing is left running on failure. */
        public GeoDnsServer start() throws WorldException, BindException, InterruptedException {
            if (world == null) {
                throw new IllegalStateException("no world given");
            }
            WorldState state = WorldState.load(world, zones);
            QueryEngine engine = new QueryEngine(state::current, observer, faults == null ? new FaultRules() : faults,
                    proxy == null ? null : new ProxyGate(proxy));
            DnsServer dns = new DnsServer(engine, tcp, transportListener, threads, proxy);
            if (faults != null) {
                dns.udpOnEventLoops();
            }
            try {
                List<InetSocketAddress> addresses = dnsAddresses.isEmpty()
                        ? List.of(new InetSocketAddress("127.0.0.1", 0)) : dnsAddresses;
                for (InetSocketAddress a : addresses) {
                    dns.bind(a);
                }
            } catch (BindException | InterruptedException | RuntimeException e) {
                dns.close();
                throw e;
            }
            return new GeoDnsServer(state, dns, faults);
        }
    }
}
