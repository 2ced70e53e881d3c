package dev.geodns.server.faults;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The fault rules a server applies now, switched on and off at run time (by a test through the lab,
 * or the admin API's {@code /faults}), and how often each {@link Fault} was applied. The first
 * matching rule applies. With no rule set, asking costs the engine one volatile read
 * ({@link #active()}). Thread-safe: rules are replaced copy-on-write.
 */
public final class FaultRules {
    private static final Entry[] NONE = new Entry[0];

    private volatile Entry[] entries = NONE;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLongArray applied = new AtomicLongArray(Fault.values().length);

    /** A rule and how many more times it may apply (-1: always). */
    private static final class Entry {
        final FaultRule rule;
        final AtomicInteger left;

        Entry(FaultRule rule) {
            this.rule = rule;
            this.left = new AtomicInteger(rule.times());
        }

        /** Claims one use; false when used up. */
        boolean take() {
            if (rule.times() < 0) {
                return true;
            }
            int n;
            do {
                n = left.get();
                if (n <= 0) {
                    return false;
                }
            } while (!left.compareAndSet(n, n - 1));
            return true;
        }
    }

    /** Whether any rule is set: the engine's only cost when none is. */
    public boolean active() {
        return entries.length != 0;
    }

    /** Adds {@code rule} after the present ones; returns it with its id. */
    public synchronized FaultRule add(FaultRule rule) {
        FaultRule withId = rule.withId(ids.incrementAndGet());
        Entry[] now = entries;
        Entry[] next = Arrays.copyOf(now, now.length + 1);
        next[now.length] = new Entry(withId);
        entries = next;
        return withId;
    }

    /** Removes the rule with this id; false when there is none. */
    public synchronized boolean remove(long id) {
        Entry[] now = entries;
        Entry[] next = Arrays.stream(now).filter(e -> e.rule.id() != id).toArray(Entry[]::new);
        entries = next.length == 0 ? NONE : next;
        return next.length != now.length;
    }

    /** Removes every rule (the counts of applied faults stay). */
    public synchronized void clear() {
        entries = NONE;
    }

    /** The rules in the order they are tried. */
    public List<FaultRule> list() {
        List<FaultRule> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(e.rule);
        }
        return out;
    }

    /**
     * The first rule matching this query that still has a use left (claiming it), or null.
     *
     * @param name lower case, absolute
     * @param siteId the site routing chose, or null
     */
    public FaultRule apply(String name, int qtype, String siteId, boolean udp) {
        for (Entry e : entries) {
            if (e.rule.matches(name, qtype, siteId, udp) && e.take()) {
                applied.incrementAndGet(e.rule.fault().ordinal());
                return e.rule;
            }
        }
        return null;
    }

    /** Rules that would apply to this query over some transport, without using them up (for {@code explain}). */
    public List<FaultRule> matching(String name, int qtype, String siteId) {
        List<FaultRule> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.rule.matchesAnyTransport(name, qtype, siteId) && (e.rule.times() < 0 || e.left.get() > 0)) {
                out.add(e.rule);
            }
        }
        return out;
    }

    /** How many queries {@code fault} was applied to since start. */
    public long applied(Fault fault) {
        return applied.get(fault.ordinal());
    }

    /** The rules, with the uses left of those limited, as plain values for JSON. */
    public Map<String, Object> describe() {
        List<Object> rules = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> m = e.rule.toJsonMap();
            if (e.rule.times() >= 0) {
                m.put("left", Math.max(0, e.left.get()));
            }
            rules.add(m);
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        for (Fault f : Fault.values()) {
            counts.put(f.tag(), applied(f));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rules", rules);
        out.put("applied", counts);
        return out;
    }
}
