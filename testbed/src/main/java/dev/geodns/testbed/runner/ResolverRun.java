package dev.geodns.testbed.runner;

/**
 * How one of the scenario's resolvers was played in a run.
 *
 * @param software {@code emulated}, or the real resolver ({@code unbound}, ...)
 * @param status {@code emulated}, {@code started} (a real resolver ran; stopped at the end) or
 *     {@code skipped} (it could not run: {@code message} says why and names the Debian package)
 * @param pid the real resolver's process id, or null
 * @param binary the executable run, or null
 * @param address where a real resolver listened ({@code 127.0.6.53:53}), or null
 * @param config a real resolver's settings in one line (ECS, zones, upstream), or null
 * @param message why it was skipped, or null
 */
public record ResolverRun(String id, String software, String status, Long pid, String binary, String address,
        String config, String message) {
    public static final String EMULATED = "emulated";
    public static final String STARTED = "started";
    public static final String SKIPPED = "skipped";

    public boolean skipped() {
        return SKIPPED.equals(status);
    }
}
