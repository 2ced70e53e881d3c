package dev.geodns.server.frontdoor;

import dev.geodns.config.LoopbackAnswerPlan;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.World;
import dev.geodns.server.geo.Locator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The running front doors: an HTTP and an HTTPS listener on every answer address of every site of
 * the world, answering as that site would after the modelled delay. The entry point for the CLI,
 * the testbed and tests: {@link #start}, then {@link #listeners()}, {@link #caPath()}, {@link #close()}.
 * A listener that cannot bind is reported in {@link #failures()} with its address and reason, and the
 * others serve on.
 */
public final class FrontDoors implements AutoCloseable {
    /** The two kinds of listener. */
    public enum Scheme {
        HTTP,
        HTTPS;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A bound listener of one site. */
    public record Listener(String siteId, Scheme scheme, InetSocketAddress address) {
        /** The base URL by address, e.g. {@code https://127.64.2.1:443}. */
        public String url() {
            return scheme.tag() + "://" + Hosts.format(address);
        }
    }

    /** A listener that could not bind, and why. */
    public record Failure(String siteId, Scheme scheme, InetSocketAddress address, String reason) {
        @Override
        public String toString() {
            return "front door " + siteId + " " + scheme.tag() + " " + Hosts.format(address) + ": " + reason;
        }
    }

    private final EventLoopGroup group;
    private final List<Listener> listeners;
    private final List<Failure> failures;
    private final int skipped;
    private final LabCa ca;
    private final FrontDoorMetrics metrics;
    private final RecentDecisions decisions;
    private final CurrentWorld current;

    private FrontDoors(EventLoopGroup group, List<Listener> listeners, List<Failure> failures, int skipped, LabCa ca,
            FrontDoorMetrics metrics, RecentDecisions decisions, CurrentWorld current) {
        this.group = group;
        this.listeners = List.copyOf(listeners);
        this.failures = List.copyOf(failures);
        this.skipped = skipped;
        this.ca = ca;
        this.metrics = metrics;
        this.decisions = decisions;
        this.current = current;
    }

    /** Front doors for a fixed world and locator, with their own meter registry and decision memory. */
    public static FrontDoors start(World world, Locator locator, FrontDoorOptions options)
            throws IOException, GeneralSecurityException, InterruptedException {
        return start(() -> world, () -> locator, options, new SimpleMeterRegistry(),
                new RecentDecisions(4096, options.decisionWindow()));
    }

    /**
     * Starts the front doors. They bind the addresses of the world {@code worlds} gives now; every
     * request then reads the world and locator afresh, so a reload of the DNS side is followed (a site
     * added later gets a front door at the next start).
     *
     * @param registry where the meters of {@link FrontDoorMetrics} go
     * @param decisions the DNS decisions requests are linked to (fed by the caller)
     * @throws IOException or GeneralSecurityException when the lab CA cannot be read or made
     */
    public static FrontDoors start(Supplier<World> worlds, Supplier<Locator> locators, FrontDoorOptions options,
            MeterRegistry registry, RecentDecisions decisions)
            throws IOException, GeneralSecurityException, InterruptedException {
        World world = worlds.get();
        LabCa ca = null;
        SslContext ssl = null;
        if (options.httpsPort() >= 0) {
            ca = LabCa.openOrCreate(options.stateDir());
            ssl = sslContext(ca, world, options);
        }
        FrontDoorMetrics metrics = new FrontDoorMetrics(registry);
        CurrentWorld current = new CurrentWorld(worlds, locators);
        FrontDoorService service = new FrontDoorService(current, options, metrics, decisions);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(options.threads(), NioIoHandler.newFactory());
        ServerBootstrap http = bootstrap(group, new FrontDoorPipeline(service, null));
        ServerBootstrap https = ssl == null ? null : bootstrap(group, new FrontDoorPipeline(service, ssl));
        List<Listener> bound = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        int skipped = 0;
        for (Site site : world.sites()) {
            for (InetAddress a : addresses(site)) {
                if (options.loopbackOnly() && !LoopbackAnswerPlan.isLoopback(a)) {
                    skipped++;
                    continue;
                }
                if (options.httpPort() >= 0) {
                    bind(http, site, Scheme.HTTP, new InetSocketAddress(a, options.httpPort()), bound, failed);
                }
                if (https != null) {
                    bind(https, site, Scheme.HTTPS, new InetSocketAddress(a, options.httpsPort()), bound, failed);
                }
            }
        }
        metrics.listeners(bound.size(), failed.size());
        return new FrontDoors(group, bound, failed, skipped, ca, metrics, decisions, current);
    }

    private static List<InetAddress> addresses(Site site) {
        List<InetAddress> all = new ArrayList<>(site.ipv4());
        all.addAll(site.ipv6());
        return all;
    }

    private static ServerBootstrap bootstrap(EventLoopGroup group, FrontDoorPipeline pipeline) {
        return new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childHandler(pipeline);
    }

    private static void bind(ServerBootstrap b, Site site, Scheme scheme, InetSocketAddress address,
            List<Listener> bound, List<Failure> failed) throws InterruptedException {
        ChannelFuture f = b.bind(address).await();
        if (f.isSuccess()) {
            bound.add(new Listener(site.id(), scheme, (InetSocketAddress) f.channel().localAddress()));
            return;
        }
        String reason = String.valueOf(f.cause().getMessage());
        if (address.getPort() > 0 && address.getPort() < 1024 && reason.toLowerCase(Locale.ROOT).contains("permission")) {
            reason += " (ports below 1024 need root or CAP_NET_BIND_SERVICE; choose higher ports)";
        }
        failed.add(new Failure(site.id(), scheme, address, reason));
    }

    private static SslContext sslContext(LabCa ca, World world, FrontDoorOptions options)
            throws GeneralSecurityException, IOException {
        List<InetAddress> ips = new ArrayList<>();
        for (Site s : world.sites()) {
            for (InetAddress a : addresses(s)) {
                if (!options.loopbackOnly() || LoopbackAnswerPlan.isLoopback(a)) {
                    ips.add(a);
                }
            }
        }
        LabCa.Issued issued = ca.issue(CertificateNames.of(world), ips);
        return SslContextBuilder.forServer(issued.key(), issued.certificate(), issued.ca())
                .sslProvider(SslProvider.JDK)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                .build();
    }

    /** The listeners bound, in world order (per address: HTTP, then HTTPS). */
    public List<Listener> listeners() {
        return listeners;
    }

    /** Every address and port bound. */
    public List<InetSocketAddress> addresses() {
        return listeners.stream().map(Listener::address).toList();
    }

    /** The first listener of {@code siteId} for {@code scheme}, or null. */
    public Listener listener(String siteId, Scheme scheme) {
        return listeners.stream().filter(l -> l.siteId().equals(siteId) && l.scheme() == scheme).findFirst().orElse(null);
    }

    /** Listeners that could not bind. */
    public List<Failure> failures() {
        return failures;
    }

    /** Addresses left unbound because they are not loopback addresses (see {@link FrontDoorOptions#loopbackOnly()}). */
    public int skippedNonLoopback() {
        return skipped;
    }

    /** The lab CA certificate (PEM) for {@code curl --cacert}, or null when HTTPS is off. */
    public Path caPath() {
        return ca == null ? null : ca.certificatePath();
    }

    /** The PKCS#12 trust store holding the lab CA (password {@value LabCa#TRUSTSTORE_PASSWORD}), or null. */
    public Path truststorePath() {
        return ca == null ? null : ca.truststorePath();
    }

    /** True when this start made the lab CA (false when it was loaded from the state directory). */
    public boolean caCreated() {
        return ca != null && ca.created();
    }

    /** Where requests look up the DNS decisions they followed; feed it from the DNS side. */
    public RecentDecisions decisions() {
        return decisions;
    }

    /** The front doors and their addresses, as the admin API lists them. */
    public Map<String, Object> describe() {
        Map<String, Map<String, Object>> bySite = new LinkedHashMap<>();
        World world = current.world().world();
        for (Listener l : listeners) {
            Map<String, Object> m = bySite.computeIfAbsent(l.siteId(), id -> {
                Map<String, Object> s = new LinkedHashMap<>();
                Site site = world.site(id).orElse(null);
                s.put("site", id);
                s.put("code", site == null ? null : site.code());
                s.put("kind", site == null ? null : site.kind().yamlName());
                s.put("place", site == null ? null : site.place().label());
                s.put("http", new ArrayList<String>());
                s.put("https", new ArrayList<String>());
                return s;
            });
            @SuppressWarnings("unchecked")
            List<String> list = (List<String>) m.get(l.scheme().tag());
            list.add(Hosts.format(l.address()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("frontDoors", new ArrayList<>(bySite.values()));
        out.put("failures", failures.stream().map(Failure::toString).toList());
        out.put("skippedNonLoopback", skipped);
        out.put("caPath", caPath() == null ? null : caPath().toString());
        out.put("truststore", truststorePath() == null ? null : truststorePath().toString());
        out.put("latencyModel", current.world().model().formula());
        out.put("delayAppliedBy", "user space (scheduled on the event loop); no kernel traffic shaping");
        return out;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
