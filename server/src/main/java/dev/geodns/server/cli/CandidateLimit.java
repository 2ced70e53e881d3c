package dev.geodns.server.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shortens the candidate list of an explain trace for reading: the {@code top} most preferred sites,
 * extended to the chosen one when it lies further down (drained sites before it), then one line
 * saying how many more there are. The JSON output keeps every candidate.
 */
final class CandidateLimit {
    private CandidateLimit() {
    }

    /** A copy of {@code trace} with {@code decision.candidates} shortened; {@code top} 0 keeps all. */
    static Map<String, Object> apply(Map<String, Object> trace, int top) {
        if (top <= 0 || !(trace.get("decision") instanceof Map<?, ?> decision)
                || !(decision.get("candidates") instanceof List<?> candidates) || candidates.size() <= top) {
            return trace;
        }
        int shown = top;
        for (int i = top; i < candidates.size(); i++) {
            if (candidates.get(i) instanceof Map<?, ?> c && Boolean.TRUE.equals(c.get("chosen"))) {
                shown = i + 1;
            }
        }
        if (shown >= candidates.size()) {
            return trace;
        }
        List<Object> kept = new ArrayList<>(candidates.subList(0, shown));
        kept.add("... " + (candidates.size() - shown) + " more, in preference order (--top 0 shows all)");
        Map<String, Object> shortened = new LinkedHashMap<>();
        decision.forEach((k, v) -> shortened.put(String.valueOf(k), v));
        shortened.put("candidates", kept);
        Map<String, Object> copy = new LinkedHashMap<>(trace);
        copy.put("decision", shortened);
        return copy;
    }
}
