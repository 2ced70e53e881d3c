package dev.geodns.server.cli;

import dev.geodns.config.WorldException;
import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.World;
import dev.geodns.config.model.ZoneSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that choose a world: {@code --world FILE} (default: built-in) and {@code --zone FILE}... */
final class WorldOptions {
    /** The option naming the world file. */
    static final String WORLD = "--world";

    @Option(names = WORLD, paramLabel = "FILE", description = "world YAML file (default: the built-in Office 365 world)")
    Path world;

    @Option(names = "--zone", paramLabel = "FILE", description = "extra RFC 1035 zone file to serve (repeatable)")
    List<Path> zones = new ArrayList<>();

    World loadWorld() throws WorldException {
        return world == null ? WorldLoader.builtIn() : WorldLoader.load(world);
    }

    List<ZoneSpec> loadZones() throws WorldException {
        List<ZoneSpec> out = new ArrayList<>();
        for (Path p : zones) {
            out.add(WorldLoader.loadZoneFile(p));
        }
        return out;
    }

    String describe() {
        return world == null ? "built-in" : world.toString();
    }
}
