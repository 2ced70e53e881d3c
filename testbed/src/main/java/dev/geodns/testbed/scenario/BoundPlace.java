package dev.geodns.testbed.scenario;

/**
 * A place as a scenario gives it: a city of the world's lab plan, or explicit coordinates.
 *
 * @param city the lab-plan city the place was named by, or null for explicit coordinates (then no
 *     lab network belongs to the place)
 */
record BoundPlace(Where where, String city) {
}
