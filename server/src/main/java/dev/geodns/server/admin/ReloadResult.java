package dev.geodns.server.admin;

import dev.geodns.config.ConfigError;
import dev.geodns.server.metrics.WorldMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one reload attempt.
 *
 * @param ok true when the new world is served
 * @param generation the generation served after the attempt (unchanged when rejected)
 * @param summary the new world's one-line summary, or null when rejected
 * @param errors why the world was rejected (empty when ok)
 * @param millis how long loading and compiling took
 */
public record ReloadResult(boolean ok, WorldMetrics.Trigger trigger, long generation, String summary,
        List<ConfigError> errors, long millis) {
    public ReloadResult {
        errors = List.copyOf(errors);
    }

    /** The result as plain values for the admin API's JSON. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", ok);
        m.put("trigger", trigger.tag());
        m.put("generation", generation);
        m.put("summary", summary);
        m.put("millis", millis);
        List<Object> list = new ArrayList<>();
        for (ConfigError e : errors) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("file", e.file());
            em.put("line", e.line());
            em.put("key", e.keyPath());
            em.put("reason", e.reason());
            em.put("message", e.toString());
            list.add(em);
        }
        m.put("errors", list);
        return m;
    }
}
