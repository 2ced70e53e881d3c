package dev.geodns.testbed.resolvers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * unbound.conf for unbound 1.17: the emulator's zones as stub zones (RD=0, like an iterative
 * resolver asking an authoritative server), "." forwarded to the emulator, no validator, and with
 * {@link EcsMode#CLIENT} the {@code subnetcache} module, which sends the client's /24 and caches per
 * returned scope (RFC 7871 section 7.3.1).
 */
public final class UnboundConfig implements ResolverConfig {
    /**
     * unbound's built-in local zones (RFC 6761, 6762, 7686, 8375, AS112): a stub zone at or below one
     * of these answers NXDOMAIN from the built-in zone unless it is declared {@code nodefault}.
     */
    static final List<String> DEFAULT_LOCAL_ZONES = defaultLocalZones();

    @Override
    public String fileName() {
        return "unbound.conf";
    }

    @Override
    public String render(ResolverSpec spec, Path dir) {
        String listen = Hosts.text(spec.listen());
        String up = Hosts.text(spec.upstream().getAddress()) + "@" + spec.upstream().getPort();
        boolean v6 = Hosts.isV6(spec.listen()) || Hosts.isV6(spec.outgoing()) || Hosts.isV6(spec.upstream().getAddress());
        StringBuilder b = new StringBuilder();
        b.append("# unbound.conf written by the GeoDNS testbed: ").append(spec).append('\n');
        b.append("server:\n");
        b.append("  # its own address and port; every query to the emulator leaves from the pinned source,\n");
        b.append("  # so the emulator locates the resolver by the lab address plan\n");
        b.append("  interface: ").append(listen).append('\n');
        b.append("  port: ").append(spec.port()).append('\n');
        b.append("  outgoing-interface: ").append(Hosts.text(spec.outgoing())).append('\n');
        b.append("  so-reuseport: no\n");
        b.append("  do-ip4: yes\n");
        b.append("  do-ip6: ").append(v6 ? "yes" : "no").append('\n');
        b.append("  access-control: 0.0.0.0/0 allow\n");
        b.append("  access-control: ::/0 allow\n");
        b.append("  # the emulator is on loopback: without this unbound never asks 127/8 or ::1 (SERVFAIL)\n");
        b.append("  do-not-query-localhost: no\n");
        b.append("  # one query per name: minimisation would add NAME A probes before the real question\n");
        b.append("  qname-minimisation: no\n");
        b.append("  # foreground, as the current user, every file in the instance directory\n");
        b.append("  username: \"\"\n");
        b.append("  chroot: \"\"\n");
        b.append("  directory: \"").append(dir).append("\"\n");
        b.append("  pidfile: \"").append(dir.resolve("unbound.pid")).append("\"\n");
        b.append("  use-syslog: no\n");
        b.append("  logfile: \"\"\n");
        b.append("  verbosity: 1\n");
        b.append("  num-threads: 1\n");
        b.append("  # DNSSEC off: no trust anchor, no validator (the lab zones cannot be proven insecure)\n");
        b.append("  module-config: \"").append(spec.ecs() == EcsMode.CLIENT ? "subnetcache iterator" : "iterator")
                .append("\"\n");
        b.append("  # the cache as the real thing keeps it: nothing prefetched, nothing served stale\n");
        b.append("  prefetch: no\n");
        b.append("  serve-expired: no\n");
        b.append("  cache-min-ttl: 0\n");
        if (spec.ecs() == EcsMode.CLIENT) {
            b.append("  # ECS (RFC 7871): the client's /").append(spec.ecsIpv4Bits()).append(" (/")
                    .append(spec.ecsIpv6Bits()).append(") for every emulator zone, loopback clients included\n");
            for (String z : spec.zones()) {
                b.append("  client-subnet-zone: \"").append(z).append("\"\n");
            }
            b.append("  send-client-subnet: ").append(Hosts.text(spec.upstream().getAddress())).append('\n');
            b.append("  max-client-subnet-ipv4: ").append(spec.ecsIpv4Bits()).append('\n');
            b.append("  max-client-subnet-ipv6: ").append(spec.ecsIpv6Bits()).append('\n');
        }
        List<String> nodefault = new ArrayList<>();
        for (String d : DEFAULT_LOCAL_ZONES) {
            for (String z : spec.zones()) {
                if ((z.equals(d) || z.endsWith("." + d)) && !nodefault.contains(d)) {
                    nodefault.add(d);
                }
            }
        }
        if (!nodefault.isEmpty()) {
            b.append("  # a lab zone under a built-in local zone: turn that zone off, else it answers NXDOMAIN\n");
            for (String d : nodefault) {
                b.append("  local-zone: \"").append(d).append("\" nodefault\n");
            }
        }
        for (String z : spec.zones()) {
            b.append("stub-zone:\n");
            b.append("  name: \"").append(z).append("\"\n");
            b.append("  stub-addr: ").append(up).append('\n');
        }
        b.append("# everything else goes to the emulator too (it refuses): nothing leaves the machine\n");
        b.append("forward-zone:\n");
        b.append("  name: \".\"\n");
        b.append("  forward-addr: ").append(up).append('\n');
        b.append("# unbound-control over a unix socket (no certificates): reload flushes every cache, the\n");
        b.append("# subnet cache included (flush_zone leaves the subnet cache alone in 1.17)\n");
        b.append("remote-control:\n");
        b.append("  control-enable: yes\n");
        b.append("  control-interface: \"").append(dir.resolve("unbound.ctl")).append("\"\n");
        return b.toString();
    }

    @Override
    public List<String> command(Path binary, ResolverSpec spec, Path dir) {
        // An absolute -c path: unbound chdirs to `directory` and re-reads the file by this name on reload.
        return List.of(binary.toString(), "-d", "-c", dir.resolve(fileName()).toAbsolutePath().toString());
    }

    private static List<String> defaultLocalZones() {
        List<String> z = new ArrayList<>(List.of("localhost.", "test.", "invalid.", "onion.", "home.arpa.",
                "resolver.arpa.", "service.arpa.", "127.in-addr.arpa.", "0.in-addr.arpa.", "10.in-addr.arpa.",
                "168.192.in-addr.arpa.", "254.169.in-addr.arpa.", "2.0.192.in-addr.arpa.", "100.51.198.in-addr.arpa.",
                "113.0.203.in-addr.arpa.", "255.255.255.255.in-addr.arpa.", "d.f.ip6.arpa.", "8.e.f.ip6.arpa.",
                "9.e.f.ip6.arpa.", "a.e.f.ip6.arpa.", "b.e.f.ip6.arpa.", "8.b.d.0.1.0.0.2.ip6.arpa.",
                "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa.",
                "0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa."));
        for (int i = 16; i <= 31; i++) {
            z.add(i + ".172.in-addr.arpa.");
        }
        for (int i = 64; i <= 127; i++) {
            z.add(i + ".100.in-addr.arpa.");
        }
        return List.copyOf(z);
    }
}
