package dev.geodns.config.model;

/**
 * The category of a service's endpoints in Microsoft's endpoint web service, which proxies and
 * split tunnels are configured from: Optimize (latency-sensitive, sent direct), Allow, Default.
 */
public enum EndpointCategory {
    OPTIMIZE("Optimize"),
    ALLOW("Allow"),
    DEFAULT("Default");

    private final String label;

    EndpointCategory(String label) {
        this.label = label;
    }

    /** The spelling of world files and of the web service's JSON ({@code Optimize}, ...). */
    public String label() {
        return label;
    }

    /** The category spelled {@code label} (case-insensitively), or null. */
    public static EndpointCategory of(String label) {
        for (EndpointCategory c : values()) {
            if (c.label.equalsIgnoreCase(label)) {
                return c;
            }
        }
        return null;
    }
}
