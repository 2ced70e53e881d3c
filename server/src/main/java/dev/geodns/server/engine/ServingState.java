package dev.geodns.server.engine;

import dev.geodns.config.model.World;
import dev.geodns.server.routing.Router;
import java.time.Instant;

/**
 * Everything one loaded world answers with: its compiled names and its router. Replaced as a whole
 * on reload, so a query sees one world from start to end.
 *
 * @param generation 1 for the first world loaded, +1 per successful reload
 */
public record ServingState(World world, Snapshot snapshot, Router router, long generation, Instant loadedAt) {
}
