package dev.geodns.server.geo;

import dev.geodns.config.compiled.CompiledWorld;
import dev.geodns.config.model.World;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The world's locator: lab networks first, then each GeoIP database in the configured order, else
 * {@link Location#UNKNOWN} (docs/architecture.md, the query path). Thread-safe; never throws from {@link #locate}.
 */
public final class WorldLocator implements Locator, Closeable {
    private final LabNetworkTable lab;
    private final Locator[] databases;

    /** Takes ownership of {@code databases}: {@link #close()} closes those that are {@link Closeable}. */
    public WorldLocator(LabNetworkTable lab, List<? extends Locator> databases) {
        this.lab = lab;
        this.databases = databases.toArray(new Locator[0]);
    }

    /**
     * Builds the locator of a compiled world: its lab plan and its GeoIP databases, opened now.
     *
     * @throws IOException naming the database that cannot be opened (those already open are closed)
     */
    public static WorldLocator open(CompiledWorld compiled) throws IOException {
        World world = compiled.world();
        List<GeoIpLocator> opened = new ArrayList<>();
        try {
            for (Path file : world.geoip().databases()) {
                opened.add(GeoIpLocator.open(file, world.geoip().cacheSize()));
            }
        } catch (IOException | RuntimeException e) {
            for (GeoIpLocator g : opened) {
                try {
                    g.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        return new WorldLocator(new LabNetworkTable(compiled.labPlan()), opened);
    }

    @Override
    public Location locate(InetAddress address) {
        Location found = lab.locate(address);
        for (int i = 0; !found.known() && i < databases.length; i++) {
            found = databases[i].locate(address);
        }
        return found;
    }

    /**
     * Closes the GeoIP readers. Call after a reload has swapped this locator out: a query still
     * running on a closed reader gets {@link Location#UNKNOWN}, never an exception.
     */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Locator l : databases) {
            if (l instanceof Closeable c) {
                try {
                    c.close();
                } catch (IOException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
