package dev.geodns.config;

import java.util.List;
import java.util.stream.Collectors;

/** A world file was rejected; carries every error found, each naming file, line, key path and reason. */
public final class WorldException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<ConfigError> errors;

    public WorldException(List<ConfigError> errors) {
        super(errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
