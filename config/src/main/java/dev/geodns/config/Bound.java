package dev.geodns.config;

import dev.geodns.config.yaml.Fields;

/** A bound model value together with the YAML map it came from, so later checks can name lines. */
record Bound<T>(T value, Fields at) {
}
