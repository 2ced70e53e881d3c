package dev.geodns.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the {@link ConfigError}s of one load so that a file reports every problem at once. */
final class Problems {
    private final String file;
    private final List<ConfigError> errors = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    /** The label of the world file, used in every error about it. */
    String file() {
        return file;
    }

    /** An error in the world file. */
    void at(int line, String keyPath, String reason) {
        errors.add(new ConfigError(file, line, keyPath, reason));
    }

    /** An error in another file (a zone file), reached through {@code keyPath} of the world file. */
    void in(String otherFile, int line, String keyPath, String reason) {
        errors.add(new ConfigError(otherFile, line, keyPath, reason));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    int count() {
        return errors.size();
    }

    /** Throws every error collected so far, errors of the world file first and in line order. */
    void throwIfAny() throws WorldException {
        if (!errors.isEmpty()) {
            List<ConfigError> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparing((ConfigError e) -> !e.file().equals(file))
                    .thenComparing(ConfigError::file)
                    .thenComparingInt(ConfigError::line));
            throw new WorldException(sorted);
        }
    }
}
