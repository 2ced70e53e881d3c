package dev.geodns.config.yaml;

/**
 * How one family of files (worlds, scenarios) words the reader's generic errors, and whether a bare
 * number or boolean may stand where a string is expected. Each family's wording is pinned by its
 * tests and by the scripts of its users, so the reader applies one set of rules in either wording.
 *
 * @param emptyFile the error for a file holding no YAML document
 * @param missingKey the error for an absent required key
 * @param nullKey the error for a required key given as {@code null} (or {@code ~})
 * @param allowedKeys how an unknown-key error introduces the allowed keys, e.g. {@code allowed}
 * @param wholeNumber what a whole number is called in "expected ..., got ...", e.g. {@code a whole number}
 * @param scalarsAsText true when any scalar reads as its source text where a string is expected
 *     ({@code country: NO} stays "NO"); false when a number or boolean there is an error asking to quote it
 */
public record Dialect(String emptyFile, String missingKey, String nullKey, String allowedKeys, String wholeNumber,
        boolean scalarsAsText) {

    /** The wording of world files. */
    public static final Dialect WORLD = new Dialect(
            "the file is empty (a world needs at least name, clouds and sites)",
            "required key is missing", "required, must not be null", "allowed", "a whole number", true);
}
