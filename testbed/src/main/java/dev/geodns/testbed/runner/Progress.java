package dev.geodns.testbed.runner;

/** Hears how a run goes (the CLI prints it to stderr). Called on the running thread. */
@FunctionalInterface
public interface Progress {
    Progress NONE = line -> { };

    void note(String line);
}
