package dev.geodns.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The readable explain trace keeps the top candidates and always the chosen one. */
class CandidateLimitTest {
    private static Map<String, Object> trace(int candidates, int chosen) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < candidates; i++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("site", "s" + i);
            c.put("drainedSkipped", i < chosen);
            c.put("chosen", i == chosen);
            list.add(c);
        }
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("site", "s" + chosen);
        decision.put("candidates", list);
        Map<String, Object> trace = new LinkedHashMap<>();
        trace.put("rcode", "NOERROR");
        trace.put("decision", decision);
        return trace;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> candidates(Map<String, Object> trace) {
        return (List<Object>) ((Map<String, Object>) trace.get("decision")).get("candidates");
    }

    @Test
    void keepsTheTopAndSaysHowManyMore() {
        Map<String, Object> original = trace(45, 0);
        List<Object> shown = candidates(CandidateLimit.apply(original, 5));
        assertThat(shown).hasSize(6);
        assertThat(shown.get(5)).isEqualTo("... 40 more, in preference order (--top 0 shows all)");
        assertThat(candidates(original)).hasSize(45); // the caller's trace is not changed
    }

    @Test
    void reachesDownToTheChosenSite() {
        List<Object> shown = candidates(CandidateLimit.apply(trace(45, 7), 5));
        assertThat(shown).hasSize(9);
        assertThat(((Map<?, ?>) shown.get(7)).get("chosen")).isEqualTo(true);
    }

    @Test
    void zeroOrAShortListKeepsEverything() {
        assertThat(candidates(CandidateLimit.apply(trace(45, 0), 0))).hasSize(45);
        assertThat(candidates(CandidateLimit.apply(trace(5, 4), 5))).hasSize(5);
        Map<String, Object> noDecision = new LinkedHashMap<>(Map.of("rcode", "REFUSED"));
        assertThat(CandidateLimit.apply(noDecision, 5)).isSameAs(noDecision);
    }
}
