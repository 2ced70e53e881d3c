package dev.geodns.testbed.cli;

import dev.geodns.config.WorldException;
import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.LabNetwork;
import dev.geodns.config.model.World;
import dev.geodns.server.geo.mmdb.MmdbWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mmdb}: writes a world's lab address plan as a GeoIP2-City MaxMind DB, so that other GeoIP
 * consumers (other DNS servers, a lab's own tools) place the lab's addresses where the emulator does.
 */
@Command(name = "mmdb", mixinStandardHelpOptions = true,
        description = "Write the lab address plan of a world as a GeoIP2-City-format database (.mmdb).")
final class MmdbCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--world", paramLabel = "FILE|builtin", defaultValue = "builtin",
            description = "world YAML file, or builtin (default)")
    String world;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "the .mmdb file to write")
    Path out;

    @Override
    public Integer call() {
        World w;
        try {
            w = world.equals("builtin") ? WorldLoader.builtIn() : WorldLoader.load(Path.of(world));
        } catch (WorldException e) {
            spec.commandLine().getErr().println("invalid world:\n" + e.getMessage());
            return Main.EXIT_USAGE;
        }
        MmdbWriter writer = new MmdbWriter().description("GeoDNS Emulator lab plan of world '" + w.name() + "'");
        for (LabNetwork n : w.networks()) {
            writer.add(n.cidr(), n.place());
        }
        try {
            writer.write(out);
        } catch (IOException e) {
            spec.commandLine().getErr().println("cannot write " + out + ": " + e.getMessage());
            return Main.EXIT_RUN_FAILED;
        }
        spec.commandLine().getOut().println("wrote " + w.networks().size() + " lab networks of world '" + w.name()
                + "' to " + out + " (" + MmdbWriter.CITY_DATABASE_TYPE + ")");
        return 0;
    }
}
