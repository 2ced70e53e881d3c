package dev.geodns.testbed.scenario;

/** Inclusive bounds; either may be null (open). */
public record Range(Double min, Double max) {
    public boolean contains(double v) {
        return (min == null || v >= min) && (max == null || v <= max);
    }

    public String describe() {
        if (min != null && max != null) {
            return "in [" + Format.number(min) + ", " + Format.number(max) + "]";
        }
        return min != null ? ">= " + Format.number(min) : "<= " + Format.number(max);
    }
}
