package dev.geodns.testbed.scenario;

/**
 * What a scenario expects of a lookup measured in the namespace lab ({@code measured_ms} on an
 * {@code expect} item): bounds on the time to first byte a real client measures after the name is
 * resolved. Checked by {@code lab run} only; the modelled run ignores it.
 *
 * @param line the line of the expectation in its file
 */
public record MeasuredExpectation(String client, String lookup, Range ttfbMs, int line) {
    /** One line, e.g. {@code berlin-split exchange: measured ttfb >= 100 ms}. */
    public String describe() {
        return client + " " + lookup + ": measured ttfb " + ttfbMs.describe() + " ms";
    }
}
