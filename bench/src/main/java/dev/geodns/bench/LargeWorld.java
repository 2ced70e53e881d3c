package dev.geodns.bench;

import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.Basis;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.SiteKind;
import dev.geodns.config.model.Tenant;
import dev.geodns.config.model.World;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in world grown to many tenants, to show that the cost of a query does not grow with
 * the world. Generated tenant {@code i} is named {@link #tenantName(int)}, belongs to the
 * worldwide cloud and is homed in its datacenters round-robin, failing over to the next one; the
 * built-in tenants stay.
 *
 * <p>Two forms. {@link #yaml(int)} is the built-in world's YAML text with the tenants inserted at
 * the head of its {@code tenants:} list, for {@code WorldLoader.parse}, {@code check} and
 * {@code serve --world} (11 MB and about 5 s to load for 100,000 tenants). {@link #world(int)}
 * builds the same world as a {@link World} record directly (skipping the loader's checks; the
 * server's own compile-time checks still apply), which is what the benchmarks and
 * {@link LargeWorldServer} use, so that their start-up is not spent parsing.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.geodns.bench.LargeWorld 20000 /tmp/world-20k.yaml}
 * writes the YAML form.
 */
public final class LargeWorld {
    private LargeWorld() {
    }

    /** The name of generated tenant {@code i}: a DNS label, e.g. {@code t000042}. */
    public static String tenantName(int i) {
        return String.format("t%06d", i);
    }

    /** The built-in world plus {@code tenants} generated tenants, built without YAML. */
    public static World world(int tenants) {
        World base = WorldLoader.builtIn();
        List<String> homes = homes(base);
        List<Tenant> all = new ArrayList<>(base.tenants().size() + tenants);
        all.addAll(base.tenants());
        for (int i = 0; i < tenants; i++) {
            all.add(new Tenant(tenantName(i), "worldwide", homes.get(i % homes.size()),
                    List.of(homes.get((i + 1) % homes.size())), null, List.of(), Basis.INFERRED));
        }
        return new World(base.name(), null, base.server(), base.clouds(), base.sites(), base.services(), all,
                base.networks(), base.geoip(), base.answers(), base.zones());
    }

    /** The built-in world's YAML with {@code tenants} more tenants of the worldwide cloud. */
    public static String yaml(int tenants) {
        String base = builtInText();
        int at = base.indexOf("\ntenants:\n");
        if (at < 0) {
            throw new IllegalStateException("the built-in world has no top-level 'tenants:' list");
        }
        at += "\ntenants:\n".length();
        List<String> homes = homes(WorldLoader.builtIn());
        StringBuilder sb = new StringBuilder(base.length() + tenants * 110);
        sb.append(base, 0, at);
        for (int i = 0; i < tenants; i++) {
            sb.append("  - {id: ").append(tenantName(i)).append(", cloud: worldwide, home: ")
                    .append(homes.get(i % homes.size())).append(", failover: [")
                    .append(homes.get((i + 1) % homes.size())).append("], extra_geos: [], basis: inferred}\n");
        }
        sb.append(base, at, base.length());
        return sb.toString();
    }

    private static List<String> homes(World world) {
        return world.sites().stream()
                .filter(s -> s.kind() == SiteKind.DATACENTER && s.cloud().equals("worldwide"))
                .map(Site::id)
                .toList();
    }

    private static String builtInText() {
        try (InputStream in = WorldLoader.class.getResourceAsStream(WorldLoader.BUILT_IN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + WorldLoader.BUILT_IN_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Usage: {@code LargeWorld TENANTS OUTPUT.yaml}. */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: LargeWorld TENANTS OUTPUT.yaml");
            System.exit(2);
        }
        Files.writeString(Path.of(args[1]), yaml(Integer.parseInt(args[0])), StandardCharsets.UTF_8);
    }
}
