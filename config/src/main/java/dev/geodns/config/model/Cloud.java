package dev.geodns.config.model;

/**
 * An isolation domain (e.g. {@code worldwide}, {@code china}, {@code usgov}). A name of one cloud is
 * only ever answered with sites of that cloud.
 *
 * @param defaultSite the site whose location stands in for an asker that cannot be located
 */
public record Cloud(String id, String description, String defaultSite, Basis basis) {
}
