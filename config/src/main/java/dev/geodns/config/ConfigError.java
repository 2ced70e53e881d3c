package dev.geodns.config;

/**
 * One problem in a world or scenario file, printed as {@code file:line: key.path: reason}.
 *
 * @param line 1-based, or 0 when unknown
 */
public record ConfigError(String file, int line, String keyPath, String reason) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + (keyPath == null || keyPath.isEmpty() ? "(root)" : keyPath) + ": " + reason;
    }
}
