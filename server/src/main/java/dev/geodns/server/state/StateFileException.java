package dev.geodns.server.state;

import java.util.List;

/** A state file that was rejected: every error as {@code file:line: reason}. */
public final class StateFileException extends Exception {
    private final List<String> errors;

    public StateFileException(List<String> errors) {
        super(String.join("\n", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
