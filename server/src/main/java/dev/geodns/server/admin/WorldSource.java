package dev.geodns.server.admin;

import dev.geodns.config.ConfigError;
import dev.geodns.config.WorldException;
import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.World;
import dev.geodns.config.model.ZoneSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where a reload reads the world from: normally the files the server was started with. */
public interface WorldSource {
    /**
     * Reads and validates the world and the extra zone files given beside it.
     *
     * @throws WorldException with every error found, in the world file and the zone files together
     */
    Loaded load() throws WorldException;

    /** What the source is, for logs. */
    String describe();

    /** A world and the extra zones served beside it. */
    record Loaded(World world, List<ZoneSpec> zones) {
        public Loaded {
            zones = List.copyOf(zones);
        }
    }

    /**
     * The world file {@code worldFile} (the built-in world when null) and the zone files
     * {@code zoneFiles}, read from disk again at every load.
     */
    static WorldSource files(Path worldFile, List<Path> zoneFiles) {
        List<Path> zonePaths = List.copyOf(zoneFiles);
        return new WorldSource() {
            @Override
            public Loaded load() throws WorldException {
                List<ConfigError> errors = new ArrayList<>();
                World world = null;
                try {
                    world = worldFile == null ? WorldLoader.builtIn() : WorldLoader.load(worldFile);
                } catch (WorldException e) {
                    errors.addAll(e.errors());
                }
                List<ZoneSpec> zones = new ArrayList<>();
                for (Path p : zonePaths) {
                    try {
                        zones.add(WorldLoader.loadZoneFile(p));
                    } catch (WorldException e) {
                        errors.addAll(e.errors());
                    }
                }
                if (!errors.isEmpty()) {
                    throw new WorldException(errors);
                }
                return new Loaded(world, zones);
            }

            @Override
            public String describe() {
                return worldFile == null ? "built-in world" : worldFile.toString();
            }
        };
    }
}
