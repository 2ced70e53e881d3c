package dev.geodns.testbed.report;

/**
 * Estimated advance widths of map labels, in ems, from the metrics of DejaVu Sans (the font the
 * map asks for first). The map pins each label to this width with SVG {@code textLength}, so the
 * boxes the layout keeps apart are the boxes the browser draws, whatever font it falls back to.
 */
final class TextWidth {
    /** Advance widths of ASCII 32..126 in 1/2048 em (DejaVu Sans). */
    private static final short[] ASCII = {
        651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, // space .. /
        1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087, // 0 .. ?
        2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, // @ .. O
        1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024, // P .. _
        1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253, // ` .. o
        1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716 // p .. ~
    };
    private static final int WIDEST = 2048;

    private TextWidth() {
    }

    /** The width of {@code text} set at {@code fontSize}. */
    static double of(String text, double fontSize) {
        double units = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            units += c >= 32 && c <= 126 ? ASCII[c - 32] : WIDEST;
        }
        return units / 2048 * fontSize;
    }
}
