package dev.geodns.config.model;

/**
 * Where the parts of a world were written: the file's label and the line of any key path (e.g.
 * {@code tenants[3].failover[0]}), so that errors found after loading (while compiling the world,
 * or when the server adds zone files) still name file and line.
 */
public interface SourceLines {
    /** For worlds built in code: no file, every line unknown (0). */
    SourceLines NONE = new SourceLines() {
        @Override
        public String file() {
            return null;
        }

        @Override
        public int lineOf(String keyPath) {
            return 0;
        }
    };

    /** The label errors name the file with, or null when the world was built in code. */
    String file();

    /** The 1-based line of {@code keyPath}, of its nearest written ancestor when absent, or 0 when unknown. */
    int lineOf(String keyPath);
}
