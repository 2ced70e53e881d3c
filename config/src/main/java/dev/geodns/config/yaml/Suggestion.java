package dev.geodns.config.yaml;

import java.util.Locale;

/**
 * "Did you mean ...?" for a misspelt word: the closest of the known words by edit distance
 * (insertions, deletions, substitutions and swaps of neighbours, ignoring case), when it is close
 * enough to be a typo: at most 2 edits, 1 for words of up to 3 letters.
 */
public final class Suggestion {
    private Suggestion() {
    }

    /** The known word closest to {@code word}, or null when none is close. */
    public static String closest(String word, Iterable<String> known) {
        String lower = word.toLowerCase(Locale.ROOT);
        int limit = lower.length() <= 3 ? 1 : 2;
        String best = null;
        int bestDistance = limit + 1;
        for (String k : known) {
            int d = distance(lower, k.toLowerCase(Locale.ROOT));
            if (d > 0 && d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    /** {@code "; did you mean 'x'?"}, or empty when no known word is close. */
    public static String didYouMean(String word, Iterable<String> known) {
        String s = closest(word, known);
        return s == null ? "" : "; did you mean '" + s + "'?";
    }

    /** Optimal-string-alignment distance: Levenshtein plus the swap of two neighbouring letters. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
