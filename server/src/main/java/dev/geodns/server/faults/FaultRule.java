package dev.geodns.server.faults;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.xbill.DNS.Type;

/**
 * One fault rule: which queries it matches (a name or a {@code *.suffix} pattern, the site routing
 * chose, the query type, the transport; every criterion left out matches anything) and the
 * {@link Fault} it applies, optionally to the next {@code times} matching queries only. Immutable:
 * every {@code with}-style method returns a new rule; {@link FaultRules#add} gives it its id.
 *
 * <pre>{@code
 * FaultRule.of(Fault.TRUNCATE).name("outlook.office365.com").udpOnly()
 * FaultRule.delay(Duration.ofMillis(300), Duration.ofMillis(100)).name("*.office365.com").site("fra")
 * FaultRule.of(Fault.DROP).type("AAAA").times(1)
 * }</pre>
 */
public final class FaultRule {
    /** The parameters {@link #parse} knows (the admin API's {@code POST /faults} query parameters). */
    public static final Set<String> PARAMETERS = Set.of("action", "name", "site", "type", "transport", "delay-ms",
            "jitter-ms", "times");

    private final long id;
    private final Fault fault;
    /** An exact name, lower case and absolute, or null. */
    private final String name;
    /** For {@code *.example.com}: {@code .example.com.} (names strictly below), or null. */
    private final String suffix;
    private final String site;
    /** A query type, or -1 for any. */
    private final int qtype;
    private final boolean udp;
    private final boolean tcp;
    private final long delayNanos;
    private final long jitterNanos;
    /** How many matching queries it applies to, or -1 for all. */
    private final int times;

    private FaultRule(long id, Fault fault, String name, String suffix, String site, int qtype, boolean udp,
            boolean tcp, long delayNanos, long jitterNanos, int times) {
        this.id = id;
        this.fault = fault;
        this.name = name;
        this.suffix = suffix;
        this.site = site;
        this.qtype = qtype;
        this.udp = udp;
        this.tcp = tcp;
        this.delayNanos = delayNanos;
        this.jitterNanos = jitterNanos;
        this.times = times;
    }

    /** A rule applying {@code fault} to every query (use {@link #delay} for {@link Fault#DELAY}). */
    public static FaultRule of(Fault fault) {
        if (fault == Fault.DELAY) {
            throw new IllegalArgumentException("a delay needs its length: use FaultRule.delay(...)");
        }
        return new FaultRule(0, fault, null, null, null, -1, true, fault != Fault.TRUNCATE, 0, 0, -1);
    }

    /** A rule delaying every answer by {@code fixed}. */
    public static FaultRule delay(Duration fixed) {
        return delay(fixed, Duration.ZERO);
    }

    /** A rule delaying every answer by {@code fixed} plus a uniform draw from [0, {@code jitter}] per query. */
    public static FaultRule delay(Duration fixed, Duration jitter) {
        if (fixed.isNegative() || jitter.isNegative() || fixed.plus(jitter).compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("a delay is between 0 and 60 s, jitter included");
        }
        return new FaultRule(0, Fault.DELAY, null, null, null, -1, true, true, fixed.toNanos(), jitter.toNanos(), -1);
    }

    /**
     * Only for {@code pattern}: a name ({@code outlook.office365.com}), or {@code *.suffix} for every
     * name strictly below the suffix. Case-insensitive; the trailing dot is optional.
     */
    public FaultRule name(String pattern) {
        String p = pattern.strip().toLowerCase(Locale.ROOT);
        if (!p.endsWith(".")) {
            p = p + ".";
        }
        if (p.startsWith("*.")) {
            return new FaultRule(id, fault, null, p.substring(1), site, qtype, udp, tcp, delayNanos, jitterNanos,
                    times);
        }
        if (p.contains("*") || p.equals(".")) {
            throw new IllegalArgumentException("name '" + pattern + "': a name, or *.suffix");
        }
        return new FaultRule(id, fault, p, null, site, qtype, udp, tcp, delayNanos, jitterNanos, times);
    }

    /** Only for queries whose routing chose site {@code siteId} (so only names that are routed). */
    public FaultRule site(String siteId) {
        return new FaultRule(id, fault, name, suffix, siteId.strip(), qtype, udp, tcp, delayNanos, jitterNanos,
                times);
    }

    /** Only for queries of this type ({@code A}, {@code AAAA}, ...). */
    public FaultRule type(String mnemonic) {
        int t = Type.value(mnemonic.strip().toUpperCase(Locale.ROOT));
        if (t < 0) {
            throw new IllegalArgumentException("unknown query type '" + mnemonic + "'");
        }
        return type(t);
    }

    public FaultRule type(int type) {
        return new FaultRule(id, fault, name, suffix, site, type, udp, tcp, delayNanos, jitterNanos, times);
    }

    /** Only for queries over UDP. */
    public FaultRule udpOnly() {
        return new FaultRule(id, fault, name, suffix, site, qtype, true, false, delayNanos, jitterNanos, times);
    }

    /** Only for queries over TCP (not with {@link Fault#TRUNCATE}, which is UDP's alone). */
    public FaultRule tcpOnly() {
        if (fault == Fault.TRUNCATE) {
            throw new IllegalArgumentException("truncation applies to UDP only");
        }
        return new FaultRule(id, fault, name, suffix, site, qtype, false, true, delayNanos, jitterNanos, times);
    }

    /** Only for the next {@code n} matching queries; then the rule stays listed, used up. */
    public FaultRule times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        return new FaultRule(id, fault, name, suffix, site, qtype, udp, tcp, delayNanos, jitterNanos, n);
    }

    FaultRule withId(long newId) {
        return new FaultRule(newId, fault, name, suffix, site, qtype, udp, tcp, delayNanos, jitterNanos, times);
    }

    /** The id {@link FaultRules#add} gave it (0 before). */
    public long id() {
        return id;
    }

    public Fault fault() {
        return fault;
    }

    /** The number of matching queries it applies to, or -1 for every one. */
    public int times() {
        return times;
    }

    /**
     * Whether the rule matches. {@code name} is lower case and absolute, {@code siteId} null when
     * the answer was not routed.
     */
    boolean matches(String qname, int type, String siteId, boolean overUdp) {
        return (overUdp ? udp : tcp)
                && (qtype < 0 || qtype == type)
                && (site == null || site.equals(siteId))
                && (name == null || name.equals(qname))
                && (suffix == null || (qname.endsWith(suffix) && qname.length() > suffix.length()));
    }

    /** Whether the rule matches over either transport (what {@code explain} lists). */
    boolean matchesAnyTransport(String qname, int type, String siteId) {
        return matches(qname, type, siteId, true) || matches(qname, type, siteId, false);
    }

    /** This query's delay: the fixed part plus a fresh draw of the jitter (0 unless {@link Fault#DELAY}). */
    public long drawDelayNanos() {
        return jitterNanos == 0 ? delayNanos : delayNanos + ThreadLocalRandom.current().nextLong(jitterNanos + 1);
    }

    /**
     * A rule from text parameters, as {@code POST /faults} takes them: {@code action} (a {@link Fault}
     * tag, required), {@code name}, {@code site}, {@code type}, {@code transport} ({@code udp} or
     * {@code tcp}), {@code delay-ms} and {@code jitter-ms} (for {@code delay}), {@code times}.
     *
     * @throws IllegalArgumentException naming the parameter at fault
     */
    public static FaultRule parse(Map<String, String> params) {
        for (String key : params.keySet()) {
            if (!PARAMETERS.contains(key)) {
                throw new IllegalArgumentException("unknown parameter '" + key + "' (known: action, name, site, type,"
                        + " transport, delay-ms, jitter-ms, times)");
            }
        }
        String action = params.get("action");
        if (action == null) {
            throw new IllegalArgumentException("missing parameter 'action'");
        }
        Fault fault = Fault.fromTag(action);
        FaultRule rule;
        if (fault == Fault.DELAY) {
            if (params.get("delay-ms") == null) {
                throw new IllegalArgumentException("action delay needs 'delay-ms'");
            }
            rule = delay(Duration.ofMillis(number(params, "delay-ms")),
                    Duration.ofMillis(params.get("jitter-ms") == null ? 0 : number(params, "jitter-ms")));
        } else {
            if (params.get("delay-ms") != null || params.get("jitter-ms") != null) {
                throw new IllegalArgumentException("'delay-ms' and 'jitter-ms' go with action delay only");
            }
            rule = of(fault);
        }
        if (params.get("name") != null) {
            rule = rule.name(params.get("name"));
        }
        if (params.get("site") != null) {
            rule = rule.site(params.get("site"));
        }
        if (params.get("type") != null) {
            rule = rule.type(params.get("type"));
        }
        String transport = params.get("transport");
        if (transport != null) {
            switch (transport.strip().toLowerCase(Locale.ROOT)) {
                case "udp" -> rule = rule.udpOnly();
                case "tcp" -> rule = rule.tcpOnly();
                default -> throw new IllegalArgumentException("transport '" + transport + "': udp or tcp");
            }
        }
        if (params.get("times") != null) {
            rule = rule.times((int) Math.min(Integer.MAX_VALUE, number(params, "times")));
        }
        return rule;
    }

    private static long number(Map<String, String> params, String key) {
        try {
            long v = Long.parseLong(params.get(key).strip());
            if (v < 0) {
                throw new IllegalArgumentException("'" + key + "' must not be negative");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "': '" + params.get(key) + "' is not a whole number");
        }
    }

    /** The rule as plain values for JSON (stable keys; criteria left out are absent). */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("action", fault.tag());
        if (name != null) {
            m.put("name", name);
        }
        if (suffix != null) {
            m.put("name", "*" + suffix);
        }
        if (site != null) {
            m.put("site", site);
        }
        if (qtype >= 0) {
            m.put("type", Type.string(qtype));
        }
        if (udp != tcp) {
            m.put("transport", udp ? "udp" : "tcp");
        }
        if (fault == Fault.DELAY) {
            m.put("delay_ms", delayNanos / 1_000_000.0);
            m.put("jitter_ms", jitterNanos / 1_000_000.0);
        }
        if (times >= 0) {
            m.put("times", times);
        }
        return m;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(fault.tag());
        toJsonMap().forEach((k, v) -> {
            if (!k.equals("action") && !k.equals("id")) {
                sb.append(' ').append(k).append('=').append(v);
            }
        });
        return sb.toString();
    }
}
