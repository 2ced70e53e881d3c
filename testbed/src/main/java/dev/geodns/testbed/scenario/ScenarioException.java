package dev.geodns.testbed.scenario;

import dev.geodns.config.ConfigError;
import java.util.List;
import java.util.stream.Collectors;

/** A scenario file was rejected; carries every error found, each as {@code file:line: key.path: reason}. */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<ConfigError> errors;

    public ScenarioException(List<ConfigError> errors) {
        super(errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
