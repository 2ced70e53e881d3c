package dev.geodns.testbed.scenario;

import java.util.Locale;

/** Number formatting shared by scenario descriptions and reports (locale-independent). */
public final class Format {
    private Format() {
    }

    /** A number without a trailing {@code .0}: 1.5, 200, 0.25. */
    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }

    /** One decimal: {@code 12.3}. */
    public static String oneDecimal(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    public static String seconds(double s) {
        return "t=" + number(s) + "s";
    }
}
