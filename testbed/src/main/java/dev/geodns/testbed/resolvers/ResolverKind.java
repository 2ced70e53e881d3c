package dev.geodns.testbed.resolvers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The real recursive resolvers the testbed can run, each with the Debian package that ships it and
 * where that package puts the binary. The four differ on purpose (README.md, "Real resolvers"): unbound and
 * pdns-recursor send ECS and cache per scope, kresd 5.x never sends ECS and randomises case (DNS
 * 0x20), dnsmasq sends ECS but then caches nothing.
 */
public enum ResolverKind {
    UNBOUND("unbound", "unbound", "/usr/sbin/unbound"),
    PDNS_RECURSOR("pdns-recursor", "pdns-recursor", "/usr/sbin/pdns_recursor"),
    KNOT_RESOLVER("knot-resolver", "knot-resolver", "/usr/sbin/kresd"),
    DNSMASQ("dnsmasq", "dnsmasq", "/usr/sbin/dnsmasq");

    private final String id;
    private final String debianPackage;
    private final Path binary;

    ResolverKind(String id, String debianPackage, String binary) {
        this.id = id;
        this.debianPackage = debianPackage;
        this.binary = Path.of(binary);
    }

    /** The name used in scenario files: {@code unbound}, {@code pdns-recursor}, {@code knot-resolver}, {@code dnsmasq}. */
    public String id() {
        return id;
    }

    /** The Debian package that installs the binary ({@code apt-get install -y PACKAGE}). */
    public String debianPackage() {
        return debianPackage;
    }

    /** Where the Debian package installs the binary. */
    public Path binary() {
        return binary;
    }

    /** Whether this resolver can send EDNS Client Subnet (RFC 7871) at all; kresd 5.x has no ECS module. */
    public boolean supportsEcs() {
        return this != KNOT_RESOLVER;
    }

    /**
     * The binary to run: {@code override} when given, else the Debian path, else the first match on
     * {@code PATH}; null when none is executable.
     */
    public Path locate(Path override) {
        if (override != null) {
            return Files.isExecutable(override) ? override : null;
        }
        if (Files.isExecutable(binary)) {
            return binary;
        }
        return Executables.onPath(binary.getFileName().toString());
    }

    /** The kind named {@code id} in a scenario file (case-insensitive; {@code _} and {@code -} alike). */
    public static ResolverKind fromId(String id) {
        String want = id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (ResolverKind k : values()) {
            if (k.id.equals(want) || (want.equals("kresd") && k == KNOT_RESOLVER)
                    || (want.equals("pdns") && k == PDNS_RECURSOR)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown resolver kind '" + id + "': expected one of "
                + List.of(values()).stream().map(ResolverKind::id).toList());
    }
}
