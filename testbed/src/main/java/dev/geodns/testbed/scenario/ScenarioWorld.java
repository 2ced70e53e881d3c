package dev.geodns.testbed.scenario;

import dev.geodns.config.WorldCompiler;
import dev.geodns.config.WorldException;
import dev.geodns.config.compiled.CompiledWorld;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.Tenant;
import dev.geodns.config.model.World;

/**
 * The world a scenario names, as its section binders check references against it. When the world
 * did not load, {@link #world()} is null and references go unchecked (the load has failed already).
 *
 * @param source {@code builtin} or the world file's path, null when {@code world:} was unreadable
 * @param places the world's lab plan, null when the world did not load
 * @param services the world's service names, null when the world did not load
 */
record ScenarioWorld(World world, String source, Places places, ServiceLookup services) {

    static ScenarioWorld of(World world, String source) {
        if (world == null) {
            return new ScenarioWorld(null, source, null, null);
        }
        CompiledWorld compiled;
        try {
            compiled = WorldCompiler.compile(world);
        } catch (WorldException e) {
            throw new IllegalStateException("a loaded world compiles: " + e.getMessage(), e);
        }
        return new ScenarioWorld(world, source, new Places(compiled), new ServiceLookup(compiled));
    }

    boolean loaded() {
        return world != null;
    }

    /** True when the world loaded and has no site {@code id}. */
    boolean lacksSite(String id) {
        return world != null && world.site(id).isEmpty();
    }

    /** The service ids, for error messages. */
    String serviceIds() {
        return String.join(", ", world.services().stream().map(Service::id).toList());
    }

    /** The tenant ids, for error messages. */
    String tenantIds() {
        return String.join(", ", world.tenants().stream().map(Tenant::id).toList());
    }
}
