package dev.geodns.config.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** "Did you mean" picks a typo's intended word and stays quiet for words that are merely different. */
class SuggestionTest {
    private static final List<String> KEYS = List.of("id", "kind", "code", "city", "latitude", "longitude", "ipv4");

    @Test
    void typosFindTheirWord() {
        assertThat(Suggestion.closest("latitdue", KEYS)).isEqualTo("latitude"); // a swap is one edit
        assertThat(Suggestion.closest("longitud", KEYS)).isEqualTo("longitude");
        assertThat(Suggestion.closest("Lattitude", KEYS)).isEqualTo("latitude"); // case does not count
        assertThat(Suggestion.closest("ipv6", KEYS)).isEqualTo("ipv4");
        assertThat(Suggestion.closest("cty", KEYS)).isEqualTo("city");
        assertThat(Suggestion.didYouMean("outgae", List.of("outage", "vpn-shift"))).isEqualTo("; did you mean 'outage'?");
    }

    @Test
    void farOrShortWordsGetNoSuggestion() {
        assertThat(Suggestion.closest("colour", KEYS)).isNull();
        assertThat(Suggestion.closest("xy", KEYS)).isNull(); // two edits from "id", but only two letters
        assertThat(Suggestion.closest("weight", List.of("owner", "target", "ttl"))).isNull();
        assertThat(Suggestion.didYouMean("colour", KEYS)).isEmpty();
    }

    @Test
    void distanceCountsInsertDeleteReplaceAndSwap() {
        assertThat(Suggestion.distance("abc", "abc")).isZero();
        assertThat(Suggestion.distance("abc", "acb")).isEqualTo(1);
        assertThat(Suggestion.distance("abc", "ab")).isEqualTo(1);
        assertThat(Suggestion.distance("abc", "abxc")).isEqualTo(1);
        assertThat(Suggestion.distance("kitten", "sitting")).isEqualTo(3);
    }
}
