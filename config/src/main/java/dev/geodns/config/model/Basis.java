package dev.geodns.config.model;

/** Whether a fact in the world is stated by a source ({@code found}) or is our reading ({@code inferred}). */
public enum Basis {
    FOUND,
    INFERRED
}
