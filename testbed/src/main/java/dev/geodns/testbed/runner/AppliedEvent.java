package dev.geodns.testbed.runner;

import dev.geodns.testbed.scenario.EventSpec;

/** An event as applied to the server: before which round, at which virtual time. */
public record AppliedEvent(EventSpec event, int round, double timeSeconds) {
}
