package dev.geodns.testbed.resolvers;

import dev.geodns.server.GeoDnsServer;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.xbill.DNS.Name;

/**
 * One real resolver instance to run: where it listens, the source it sends from, the emulator it
 * asks, the zones it stubs to the emulator, ECS and cache settings. Immutable; change it with the
 * {@code with*} methods.
 *
 * @param kind which resolver
 * @param listen the resolver's own address (a 127.x address per resolver: each gets its own port 53)
 * @param port the port it listens on (53; another only for tests that cannot bind 53)
 * @param outgoing the source address of its queries to the emulator: by default {@code listen}, so
 *     the emulator locates the resolver by the lab address plan
 * @param upstream the emulator's DNS address (UDP and TCP)
 * @param zones the zones stubbed to the emulator, absolute and lower case ({@code office365.com.});
 *     "." is always forwarded to the emulator too, so nothing leaves the machine
 * @param ecs the ECS the resolver sends
 * @param ecsIpv4Bits SOURCE PREFIX-LENGTH for IPv4 clients with {@link EcsMode#CLIENT}
 * @param ecsIpv6Bits SOURCE PREFIX-LENGTH for IPv6 clients with {@link EcsMode#CLIENT}
 * @param exactTtl honour every TTL as given, down to 0 (kresd caches at least 5 s and pdns at least
 *     1 s otherwise); on by default
 * @param caseRandomisation let the resolver randomise the case of names it sends (DNS 0x20; only
 *     kresd does, and does by default)
 * @param binary the resolver binary, or null for the Debian path of {@code kind}
 * @param startTimeout how long to wait for the first answer after start
 */
public record ResolverSpec(
        ResolverKind kind,
        InetAddress listen,
        int port,
        InetAddress outgoing,
        InetSocketAddress upstream,
        List<String> zones,
        EcsMode ecs,
        int ecsIpv4Bits,
        int ecsIpv6Bits,
        boolean exactTtl,
        boolean caseRandomisation,
        Path binary,
        Duration startTimeout) {

    public static final int DNS_PORT = 53;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern ZONE = Pattern.compile("([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\\.)+");

    public ResolverSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(outgoing, "outgoing");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(ecs, "ecs");
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (listen.isAnyLocalAddress() || upstream.getAddress() == null || upstream.getAddress().isAnyLocalAddress()) {
            throw new IllegalArgumentException("listen and upstream need a concrete address, not the wildcard");
        }
        if (port < 1 || port > 65535 || upstream.getPort() < 1) {
            throw new IllegalArgumentException("bad port: " + port + " / upstream " + upstream);
        }
        if (ecsIpv4Bits < 1 || ecsIpv4Bits > 32 || ecsIpv6Bits < 1 || ecsIpv6Bits > 128) {
            throw new IllegalArgumentException("ECS prefix lengths out of range: /" + ecsIpv4Bits + ", /" + ecsIpv6Bits);
        }
        if (ecs != EcsMode.NONE && !kind.supportsEcs()) {
            throw new IllegalArgumentException(kind.id() + " cannot send ECS (no ECS module in kresd 5.x)");
        }
        List<String> normal = new ArrayList<>();
        for (String z : zones) {
            String n = z.trim().toLowerCase(Locale.ROOT);
            n = n.endsWith(".") ? n : n + ".";
            if (n.equals(".")) {
                continue;
            }
            if (!ZONE.matcher(n).matches() || n.length() > 254) {
                // The name goes into four config languages (one of them Lua): letters, digits, '-' and '_' only.
                throw new IllegalArgumentException("not a zone name: '" + z + "'");
            }
            if (!normal.contains(n)) {
                normal.add(n);
            }
        }
        if (normal.isEmpty()) {
            throw new IllegalArgumentException("no zone to stub to the emulator");
        }
        zones = List.copyOf(normal);
    }

    /** A resolver at {@code listen}:53 sending from {@code listen}, no ECS, exact TTLs, the kind's defaults otherwise. */
    public static ResolverSpec of(ResolverKind kind, InetAddress listen, InetSocketAddress upstream, List<String> zones) {
        return new ResolverSpec(kind, listen, DNS_PORT, listen, upstream, zones, EcsMode.NONE, 24, 56, true, true,
                null, DEFAULT_START_TIMEOUT);
    }

    /** A resolver for a running emulator: its first IPv4 DNS address and every zone it serves. */
    public static ResolverSpec forEmulator(ResolverKind kind, InetAddress listen, GeoDnsServer server) {
        InetSocketAddress upstream = server.dnsAddresses().stream()
                .filter(a -> a.getAddress() instanceof Inet4Address)
                .findFirst()
                .orElse(server.dnsAddresses().get(0));
        List<String> zones = server.current().snapshot().origins().stream().map(Name::toString).toList();
        return of(kind, listen, upstream, zones);
    }

    public ResolverSpec withPort(int p) {
        return new ResolverSpec(kind, listen, p, outgoing, upstream, zones, ecs, ecsIpv4Bits, ecsIpv6Bits, exactTtl,
                caseRandomisation, binary, startTimeout);
    }

    public ResolverSpec withOutgoing(InetAddress a) {
        return new ResolverSpec(kind, listen, port, a, upstream, zones, ecs, ecsIpv4Bits, ecsIpv6Bits, exactTtl,
                caseRandomisation, binary, startTimeout);
    }

    public ResolverSpec withUpstream(InetSocketAddress a) {
        return new ResolverSpec(kind, listen, port, outgoing, a, zones, ecs, ecsIpv4Bits, ecsIpv6Bits, exactTtl,
                caseRandomisation, binary, startTimeout);
    }

    public ResolverSpec withEcs(EcsMode mode) {
        return new ResolverSpec(kind, listen, port, outgoing, upstream, zones, mode, ecsIpv4Bits, ecsIpv6Bits, exactTtl,
                caseRandomisation, binary, startTimeout);
    }

    public ResolverSpec withEcsBits(int ipv4Bits, int ipv6Bits) {
        return new ResolverSpec(kind, listen, port, outgoing, upstream, zones, ecs, ipv4Bits, ipv6Bits, exactTtl,
                caseRandomisation, binary, startTimeout);
    }

    public ResolverSpec withExactTtl(boolean on) {
        return new ResolverSpec(kind, listen, port, outgoing, upstream, zones, ecs, ecsIpv4Bits, ecsIpv6Bits, on,
                caseRandomisation, binary, startTimeout);
    }

    public ResolverSpec withCaseRandomisation(boolean on) {
        return new ResolverSpec(kind, listen, port, outgoing, upstream, zones, ecs, ecsIpv4Bits, ecsIpv6Bits, exactTtl,
                on, binary, startTimeout);
    }

    public ResolverSpec withBinary(Path b) {
        return new ResolverSpec(kind, listen, port, outgoing, upstream, zones, ecs, ecsIpv4Bits, ecsIpv6Bits, exactTtl,
                caseRandomisation, b, startTimeout);
    }

    public ResolverSpec withStartTimeout(Duration d) {
        return new ResolverSpec(kind, listen, port, outgoing, upstream, zones, ecs, ecsIpv4Bits, ecsIpv6Bits, exactTtl,
                caseRandomisation, binary, d);
    }

    /** The resolver's DNS address. */
    public InetSocketAddress address() {
        return new InetSocketAddress(listen, port);
    }

    /** True when {@code name} (any case, with or without the final dot) is at or below one of {@link #zones}. */
    public boolean inZones(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        n = n.endsWith(".") ? n : n + ".";
        for (String z : zones) {
            if (n.equals(z) || n.endsWith("." + z)) {
                return true;
            }
        }
        return false;
    }

    /** {@code kind at address:port -> upstream, ecs}: for logs and reports. */
    @Override
    public String toString() {
        return kind.id() + " at " + Hosts.text(listen) + ":" + port + " (from " + Hosts.text(outgoing) + ") -> "
                + Hosts.text(upstream.getAddress()) + ":" + upstream.getPort() + ", ecs " + ecs.name().toLowerCase(Locale.ROOT)
                + ", zones " + zones;
    }
}
