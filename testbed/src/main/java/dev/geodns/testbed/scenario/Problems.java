package dev.geodns.testbed.scenario;

import dev.geodns.config.ConfigError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the errors of one scenario load, so that a file reports every problem at once. */
final class Problems {
    private final String file;
    private final List<ConfigError> errors = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void at(int line, String keyPath, String reason) {
        errors.add(new ConfigError(file, line, keyPath, reason));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    void throwIfAny() throws ScenarioException {
        if (!errors.isEmpty()) {
            List<ConfigError> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparingInt(ConfigError::line));
            throw new ScenarioException(sorted);
        }
    }
}
