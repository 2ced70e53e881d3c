package dev.geodns.testbed.runner;

import dev.geodns.testbed.scenario.Expectation;
import java.util.List;

/**
 * How one expectation fared.
 *
 * @param checked how many results (rounds) it was checked against
 * @param failures one line per failed check, naming the round and what was found
 * @param skipped how many of its results were not made (a real resolver or client tool missing)
 */
public record ExpectationResult(Expectation expectation, int checked, List<String> failures, int skipped) {
    public ExpectationResult {
        failures = List.copyOf(failures);
    }

    /** The outcome: a failed check wins over skipped lookups. */
    public enum Status { PASSED, FAILED, SKIPPED }

    public Status status() {
        if (!failures.isEmpty()) {
            return Status.FAILED;
        }
        return skipped > 0 ? Status.SKIPPED : Status.PASSED;
    }

    public boolean passed() {
        return status() == Status.PASSED && checked > 0;
    }

    public boolean failed() {
        return status() == Status.FAILED;
    }
}
