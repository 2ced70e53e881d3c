package dev.geodns.testbed.resolvers;

import java.nio.file.Path;
import java.util.List;

/**
 * dnsmasq.conf for dnsmasq 2.90, a forwarder: each emulator zone (and the default) sent to the
 * emulator from the pinned source ({@code server=/zone/addr#port@source}), no /etc/resolv.conf, no
 * /etc/hosts, bound to its own address only ({@code bind-interfaces}, needed for several instances
 * on one machine). With {@link EcsMode#CLIENT}: {@code add-subnet}, which also turns its cache off.
 */
public final class DnsmasqConfig implements ResolverConfig {
    @Override
    public String fileName() {
        return "dnsmasq.conf";
    }

    @Override
    public String render(ResolverSpec spec, Path dir) {
        String up = Hosts.text(spec.upstream().getAddress()) + "#" + spec.upstream().getPort() + "@"
                + Hosts.text(spec.outgoing());
        StringBuilder b = new StringBuilder();
        b.append("# dnsmasq.conf written by the GeoDNS testbed: ").append(spec).append('\n');
        b.append("# its own address only (bind-interfaces: several instances share the loopback interface)\n");
        b.append("listen-address=").append(Hosts.text(spec.listen())).append('\n');
        b.append("bind-interfaces\n");
        b.append("port=").append(spec.port()).append('\n');
        b.append("# no upstream from /etc/resolv.conf, no answers from /etc/hosts\n");
        b.append("no-resolv\n");
        b.append("no-hosts\n");
        b.append("pid-file=").append(dir.resolve("dnsmasq.pid")).append('\n');
        b.append("log-facility=-\n");
        b.append("log-queries=extra\n");
        b.append("# the emulator's zones, then everything else to the emulator too; all from the pinned source\n");
        for (String z : spec.zones()) {
            String bare = z.substring(0, z.length() - 1);
            b.append("server=/").append(bare).append('/').append(up).append('\n');
        }
        b.append("server=").append(up).append('\n');
        if (spec.ecs() == EcsMode.CLIENT) {
            b.append("# ECS (RFC 7871): the client's /").append(spec.ecsIpv4Bits()).append(" (/")
                    .append(spec.ecsIpv6Bits()).append("); dnsmasq then caches nothing\n");
            b.append("add-subnet=").append(spec.ecsIpv4Bits()).append(',').append(spec.ecsIpv6Bits()).append('\n');
        }
        return b.toString();
    }

    @Override
    public List<String> command(Path binary, ResolverSpec spec, Path dir) {
        // -k: foreground without debug mode; -C: only this file (not /etc/dnsmasq.conf or /etc/dnsmasq.d).
        return List.of(binary.toString(), "-k", "-C", dir.resolve(fileName()).toString());
    }
}
