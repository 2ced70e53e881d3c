package dev.geodns.server.engine;

import dev.geodns.config.model.Service;
import dev.geodns.config.model.Tenant;

/** Which service (and tenant) decides the site of an answer that depends on routing. */
public record Binding(Service service, Tenant tenant) {
}
