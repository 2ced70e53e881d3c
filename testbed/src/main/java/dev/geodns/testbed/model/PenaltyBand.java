package dev.geodns.testbed.model;

/**
 * How reports colour a penalty (modelled RTT above the local-resolver case). The bounds are
 * presentation only; expectations state their own.
 */
public enum PenaltyBand {
    /** Up to {@value #GOOD_UP_TO_MS} ms: no practical difference. */
    GOOD("#2e7d32"),
    /** Up to {@value #FAIR_UP_TO_MS} ms: noticeable on chatty protocols. */
    FAIR("#f9a825"),
    /** Above {@value #FAIR_UP_TO_MS} ms: the degraded experience the source documents warn about. */
    POOR("#c62828"),
    /** No penalty could be computed (a lookup failed). */
    UNKNOWN("#757575");

    public static final double GOOD_UP_TO_MS = 10;
    public static final double FAIR_UP_TO_MS = 50;

    private final String colour;

    PenaltyBand(String colour) {
        this.colour = colour;
    }

    /** CSS colour of the band. */
    public String colour() {
        return colour;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The band of a penalty; NaN or null is {@link #UNKNOWN}. */
    public static PenaltyBand of(Double penaltyMs) {
        if (penaltyMs == null || penaltyMs.isNaN()) {
            return UNKNOWN;
        }
        if (penaltyMs <= GOOD_UP_TO_MS) {
            return GOOD;
        }
        return penaltyMs <= FAIR_UP_TO_MS ? FAIR : POOR;
    }
}
