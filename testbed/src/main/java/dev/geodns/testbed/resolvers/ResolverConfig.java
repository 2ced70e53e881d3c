package dev.geodns.testbed.resolvers;

import java.nio.file.Path;
import java.util.List;

/**
 * Writes one kind of resolver's config file and command line from a {@link ResolverSpec}, with every
 * quirk of that resolver handled (README.md, "Real resolvers", lists them). Implementations are stateless.
 */
public interface ResolverConfig {
    /** The config file's name inside the instance directory. */
    String fileName();

    /** The config text; every file it names (pid, cache, control socket) is inside {@code dir}, an absolute path. */
    String render(ResolverSpec spec, Path dir);

    /** The command that runs {@code binary} in the foreground with the config written in {@code dir}. */
    List<String> command(Path binary, ResolverSpec spec, Path dir);

    /** The writer for {@code kind}. */
    static ResolverConfig of(ResolverKind kind) {
        return switch (kind) {
            case UNBOUND -> new UnboundConfig();
            case PDNS_RECURSOR -> new PdnsRecursorConfig();
            case KNOT_RESOLVER -> new KresdConfig();
            case DNSMASQ -> new DnsmasqConfig();
        };
    }
}
