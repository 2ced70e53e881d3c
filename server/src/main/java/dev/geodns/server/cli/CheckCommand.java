package dev.geodns.server.cli;

import dev.geodns.config.ConfigError;
import dev.geodns.config.WorldException;
import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.World;
import dev.geodns.server.engine.Snapshot;
import dev.geodns.server.engine.SnapshotBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code check FILE}: validates a world file as the server would load it, and summarises it. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate a world file; print a summary (exit 0) or every error as file:line: key.path: reason.")
final class CheckCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the world YAML file")
    Path file;

    @Override
    public Integer call() {
        try {
            World world = WorldLoader.load(file);
            Snapshot snapshot = SnapshotBuilder.build(world, List.of());
            System.out.println(file + ": OK");
            System.out.println(world.summary());
            System.out.println(snapshot.nameCount() + " owner names in " + snapshot.origins().size() + " zones");
            return 0;
        } catch (WorldException e) {
            for (ConfigError error : e.errors()) {
                System.err.println(error);
            }
            System.err.println(e.errors().size() + " error(s); " + file + " rejected");
            return 1;
        }
    }
}
