package dev.geodns.config.yaml;

import dev.geodns.config.ConfigError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Collects the {@link ConfigError}s of one load, so that a file reports every problem at once,
 * each printed as {@code file:line: key.path: reason}. Not thread-safe: one per load.
 */
public final class Problems {
    private final String file;
    private final Dialect dialect;
    private final List<ConfigError> errors = new ArrayList<>();

    /**
     * @param file how the loaded file is named in every error about it
     * @param dialect the wording of the reader's generic errors
     */
    public Problems(String file, Dialect dialect) {
        this.file = file;
        this.dialect = dialect;
    }

    /** The label of the loaded file, used in every error about it. */
    public String file() {
        return file;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** An error in the loaded file. */
    public void at(int line, String keyPath, String reason) {
        errors.add(new ConfigError(file, line, keyPath, reason));
    }

    /** An error in another file (a zone file), reached through {@code keyPath} of the loaded file. */
    public void in(String otherFile, int line, String keyPath, String reason) {
        errors.add(new ConfigError(otherFile, line, keyPath, reason));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public int count() {
        return errors.size();
    }

    /** Every error so far: those of the loaded file first, each file's in line order (ties in report order). */
    public List<ConfigError> errors() {
        List<ConfigError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparing((ConfigError e) -> !e.file().equals(file))
                .thenComparing(ConfigError::file)
                .thenComparingInt(ConfigError::line));
        return sorted;
    }

    /** Throws {@code rejection} of {@link #errors()} when there is any error. */
    public <X extends Exception> void throwIfAny(Function<List<ConfigError>, X> rejection) throws X {
        if (!errors.isEmpty()) {
            throw rejection.apply(errors());
        }
    }
}
