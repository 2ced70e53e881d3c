package dev.geodns.testbed.resolvers;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * recursor.conf for pdns-recursor 4.8: the emulator's zones as {@code forward-zones} (RD=0;
 * forwarders are exempt from {@code dont-query}, which lists 127/8), "." as
 * {@code forward-zones-recurse}, DNSSEC off, one thread. With {@link EcsMode#CLIENT} it sends the
 * client's /24 for loopback clients too: by default pdns sends its own address/32 for clients in
 * 127/8 and the RFC 1918 ranges, which geolocates the resolver, so {@code ecs-add-for} is widened.
 */
public final class PdnsRecursorConfig implements ResolverConfig {
    @Override
    public String fileName() {
        return "recursor.conf";
    }

    @Override
    public String render(ResolverSpec spec, Path dir) {
        String up = hostPort(spec);
        StringBuilder b = new StringBuilder();
        b.append("# recursor.conf written by the GeoDNS testbed: ").append(spec).append('\n');
        b.append("# its own address and port; queries to the emulator leave from the pinned source\n");
        b.append("local-address=").append(Hosts.text(spec.listen())).append('\n');
        b.append("local-port=").append(spec.port()).append('\n');
        b.append("allow-from=0.0.0.0/0, ::/0\n");
        b.append("query-local-address=").append(Hosts.text(spec.outgoing())).append('\n');
        b.append("# the emulator's zones (RD=0), then everything else to the emulator too: nothing leaves the machine\n");
        b.append("forward-zones=").append(spec.zones().stream().map(z -> z + "=" + up).collect(Collectors.joining(", ")))
                .append('\n');
        b.append("forward-zones-recurse=.=").append(up).append('\n');
        b.append("hint-file=no\n");
        b.append("security-poll-suffix=\n");
        b.append("# DNSSEC off (the lab zones cannot be proven insecure)\n");
        b.append("dnssec=off\n");
        b.append("# one query per name: no minimised NAME A probes\n");
        b.append("qname-minimization=no\n");
        b.append("# one thread that answers its own queries: one cache, predictable counts\n");
        b.append("threads=1\n");
        b.append("pdns-distributes-queries=no\n");
        if (spec.exactTtl()) {
            b.append("# honour TTLs down to 0 (the default minimum is 1 s)\n");
            b.append("minimum-ttl-override=0\n");
        }
        if (spec.ecs() == EcsMode.CLIENT) {
            b.append("# ECS (RFC 7871) to the emulator for its zones, for every client: the default ecs-add-for\n");
            b.append("# excludes 127/8, 10/8, 172.16/12, 192.168/16 ... and sends the resolver's own address instead\n");
            b.append("edns-subnet-allow-list=").append(String.join(", ", spec.zones())).append(", ")
                    .append(Hosts.text(spec.upstream().getAddress())).append('\n');
            b.append("ecs-add-for=0.0.0.0/0, ::/0\n");
            b.append("ecs-ipv4-bits=").append(spec.ecsIpv4Bits()).append('\n');
            b.append("ecs-ipv6-bits=").append(spec.ecsIpv6Bits()).append('\n');
            b.append("ecs-ipv4-cache-bits=").append(spec.ecsIpv4Bits()).append('\n');
            b.append("ecs-ipv6-cache-bits=").append(spec.ecsIpv6Bits()).append('\n');
            if (spec.exactTtl()) {
                b.append("ecs-minimum-ttl-override=0\n");
            }
        }
        return b.toString();
    }

    @Override
    public List<String> command(Path binary, ResolverSpec spec, Path dir) {
        // Its own config and socket directory: rec_control finds the instance by --socket-dir.
        return List.of(binary.toString(), "--config-dir=" + dir, "--socket-dir=" + dir, "--daemon=no",
                "--write-pid=no", "--disable-syslog");
    }

    private static String hostPort(ResolverSpec spec) {
        String host = Hosts.text(spec.upstream().getAddress());
        return (Hosts.isV6(spec.upstream().getAddress()) ? "[" + host + "]" : host) + ":" + spec.upstream().getPort();
    }
}
