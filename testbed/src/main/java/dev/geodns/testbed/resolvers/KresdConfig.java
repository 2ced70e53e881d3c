package dev.geodns.testbed.resolvers;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Lua config for kresd 5.6: the emulator's zones and "." through FORWARD policies, the root trust
 * anchor removed and every module that queries the root in the background unloaded. kresd 5.x has
 * no ECS; it randomises the case of the names it sends (DNS 0x20) unless
 * {@link ResolverSpec#caseRandomisation()} is off.
 *
 * <p>FORWARD, not STUB: in STUB mode kresd 5.6 caches each upstream answer as one packet whose TTL
 * it computes as 0 for the emulator's answers, so the packet lives exactly {@code cache.min_ttl}
 * (5 s by default, nothing at all with {@code cache.min_ttl(0)}) whatever the records' TTLs. In
 * FORWARD mode it caches each record set for its own TTL, as unbound and pdns-recursor do; it then
 * asks for each step of a CNAME chain separately (RD=1, which the emulator ignores).
 */
public final class KresdConfig implements ResolverConfig {
    @Override
    public String fileName() {
        return "kresd.conf";
    }

    @Override
    public String render(ResolverSpec spec, Path dir) {
        String up = Hosts.text(spec.upstream().getAddress()) + "@" + spec.upstream().getPort();
        boolean v6 = Hosts.isV6(spec.outgoing());
        StringBuilder b = new StringBuilder();
        b.append("-- kresd config written by the GeoDNS testbed: ").append(spec).append('\n');
        b.append("-- its own address and port; queries to the emulator leave from the pinned source\n");
        b.append("net.listen('").append(Hosts.text(spec.listen())).append("', ").append(spec.port())
                .append(", { kind = 'dns' })\n");
        b.append(v6 ? "net.outgoing_v6('" : "net.outgoing_v4('").append(Hosts.text(spec.outgoing())).append("')\n");
        b.append("-- DNSSEC off and silent: no root trust anchor, no priming, no RFC 5011 or sentinel queries\n");
        b.append("trust_anchors.remove('.')\n");
        for (String m : List.of("priming", "ta_update", "ta_signal_query", "ta_sentinel", "detect_time_skew",
                "detect_time_jump")) {
            b.append("modules.unload('").append(m).append("')\n");
        }
        b.append("cache.open(10 * MB, 'lmdb://").append(dir.resolve("cache")).append("')\n");
        if (spec.exactTtl()) {
            b.append("-- honour short TTLs: kresd keeps every record at least 5 s by default\n");
            b.append("cache.min_ttl(0)\n");
        }
        if (!spec.caseRandomisation()) {
            b.append("-- no DNS 0x20 case randomisation (this rule must come before FORWARD)\n");
            b.append("policy.add(policy.all(policy.FLAGS({'NO_0X20'})))\n");
        }
        b.append("-- the emulator's zones, then everything else to the emulator too: nothing leaves the machine.\n");
        b.append("-- FORWARD rather than STUB: STUB caches whole packets for cache.min_ttl, not for the records' TTLs\n");
        b.append("policy.add(policy.suffix(policy.FORWARD({'").append(up).append("'}), policy.todnames({")
                .append(spec.zones().stream().map(z -> "'" + z + "'").collect(Collectors.joining(", ")))
                .append("})))\n");
        b.append("policy.add(policy.all(policy.FORWARD({'").append(up).append("'})))\n");
        return b.toString();
    }

    @Override
    public List<String> command(Path binary, ResolverSpec spec, Path dir) {
        // -n: no REPL on stdin; the run directory holds control/PID, the socket that flushCache() uses.
        return List.of(binary.toString(), "-n", "-c", dir.resolve(fileName()).toString(), dir.toString());
    }
}
