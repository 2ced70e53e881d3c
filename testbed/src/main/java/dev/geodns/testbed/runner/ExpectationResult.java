package dev.geodns.testbed.runner;

import dev.geodns.testbed.scenario.Expectation;
import java.util.List;

/**
 * How one expectation fared.
 *
 * @param checked how many results (rounds) it was checked against
 * @param failures one line per failed check, naming the round and what was found
 * @param skipped how many of its results were not made (a real resolver or client tool missing)
 * @param notApplicable how many of its results came through a resolver software it does not speak
 *     for ({@code software:} / {@code unless_software:})
 */
public record ExpectationResult(Expectation expectation, int checked, List<String> failures, int skipped,
        int notApplicable) {
    public ExpectationResult {
        failures = List.copyOf(failures);
    }

    public ExpectationResult(Expectation expectation, int checked, List<String> failures, int skipped) {
        this(expectation, checked, failures, skipped, 0);
    }

    /**
     * The outcome: a failed check wins over skipped lookups; NOT_APPLICABLE when every result came
     * through software the expectation does not speak for (neither a pass nor a failure).
     */
    public enum Status { PASSED, FAILED, SKIPPED, NOT_APPLICABLE }

    public Status status() {
        if (!failures.isEmpty()) {
            return Status.FAILED;
        }
        if (skipped > 0) {
            return Status.SKIPPED;
        }
        return checked == 0 && notApplicable > 0 ? Status.NOT_APPLICABLE : Status.PASSED;
    }

    public boolean passed() {
        return status() == Status.PASSED && checked > 0;
    }

    public boolean failed() {
        return status() == Status.FAILED;
    }
}
