package dev.geodns.testbed.scenario;

import dev.geodns.config.WorldException;
import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.World;
import dev.geodns.config.yaml.Fields;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/** Binds the {@code world} key: the built-in world, or a world file relative to the scenario. */
final class WorldBinder {
    private WorldBinder() {
    }

    /**
     * The world {@code root} names; a world file is loaded (and its first errors quoted) only when
     * {@code baseDir} is given, since built-in scenarios may only use the built-in world.
     */
    static ScenarioWorld bind(Fields root, Path baseDir) {
        String text = root.optString("world", "builtin");
        if (text == null) {
            return ScenarioWorld.of(null, null);
        }
        World world = null;
        if (text.equals("builtin")) {
            world = WorldLoader.builtIn();
        } else if (baseDir == null) {
            root.error("world", "a built-in scenario can only use world: builtin");
        } else {
            try {
                Path p = Path.of(text);
                Path file = p.isAbsolute() ? p : baseDir.resolve(p).normalize();
                world = WorldLoader.load(file);
                text = file.toString();
            } catch (InvalidPathException e) {
                root.error("world", "'" + text + "' is not a valid path: " + e.getReason());
            } catch (WorldException e) {
                List<String> lines = e.errors().stream().limit(5).map(Object::toString).toList();
                root.error("world", "the world file is invalid (" + e.errors().size() + " error(s)):\n  "
                        + String.join("\n  ", lines));
            }
        }
        return ScenarioWorld.of(world, text);
    }
}
