package dev.geodns.testbed.resolvers;

/**
 * A real resolver (or a client tool) cannot run here: its binary is missing, or its address cannot
 * be bound (port 53 needs root). Callers report the scenario as skipped, not passed; the message
 * names the Debian package to install.
 */
public final class ResolverUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String debianPackage;

    public ResolverUnavailableException(String message, String debianPackage) {
        super(message);
        this.debianPackage = debianPackage;
    }

    /** The Debian package that would provide what is missing, or null when the cause is not a package. */
    public String debianPackage() {
        return debianPackage;
    }
}
