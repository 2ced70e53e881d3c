package dev.geodns.testbed.runner;

import dev.geodns.testbed.scenario.Expectation;
import java.util.List;

/**
 * How one expectation fared.
 *
 * @param checked how many results (rounds) it was checked against
 * @param failures one line per failed check, naming the round and what was found
 */
public record ExpectationResult(Expectation expectation, int checked, List<String> failures) {
    public ExpectationResult {
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty() && checked > 0;
    }
}
