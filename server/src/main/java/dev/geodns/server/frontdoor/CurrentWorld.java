package dev.geodns.server.frontdoor;

import dev.geodns.config.model.World;
import dev.geodns.server.geo.Locator;
import java.util.function.Supplier;

/**
 * The world and locator the front doors answer with now: read from their suppliers at every request
 * (so a reload of the DNS side is followed), the derived {@link FrontDoorWorld} rebuilt only when the
 * world object changes. Thread-safe.
 */
final class CurrentWorld {
    private final Supplier<World> worlds;
    private final Supplier<Locator> locators;
    private volatile FrontDoorWorld derived;

    CurrentWorld(Supplier<World> worlds, Supplier<Locator> locators) {
        this.worlds = worlds;
        this.locators = locators;
    }

    FrontDoorWorld world() {
        World w = worlds.get();
        FrontDoorWorld d = derived;
        if (d == null || d.world() != w) {
            d = FrontDoorWorld.of(w);
            derived = d;
        }
        return d;
    }

    Locator locator() {
        return locators.get();
    }
}
