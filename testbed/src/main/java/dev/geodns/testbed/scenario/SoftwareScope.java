package dev.geodns.testbed.scenario;

import java.util.List;

/**
 * Which resolver software an expectation speaks for ({@code software:} / {@code unless_software:}
 * on an expectation): the same lookup may rightly end elsewhere through dnsmasq than through
 * unbound, and that difference is a finding about resolvers, not a failure. A result is checked
 * only when the software playing its client's resolver is in scope.
 *
 * @param only the software ids it applies to ({@code emulated}, {@code unbound}, ...); empty = all
 * @param except the software ids it does not apply to
 */
public record SoftwareScope(List<String> only, List<String> except) {
    /** Every software: the default. */
    public static final SoftwareScope ALL = new SoftwareScope(List.of(), List.of());

    public SoftwareScope {
        only = List.copyOf(only);
        except = List.copyOf(except);
    }

    /** Whether a result through a resolver played by {@code softwareId} is checked. */
    public boolean covers(String softwareId) {
        return (only.isEmpty() || only.contains(softwareId)) && !except.contains(softwareId);
    }

    public boolean all() {
        return only.isEmpty() && except.isEmpty();
    }

    /** {@code dnsmasq only}, {@code not dnsmasq}, or empty for every software. */
    public String describe() {
        if (!only.isEmpty()) {
            return String.join(", ", only) + " only";
        }
        return except.isEmpty() ? "" : "not " + String.join(", ", except);
    }
}
