package dev.geodns.config.model;

/** One entry of the lab address plan: every address in {@code cidr} is at {@code place}. */
public record LabNetwork(Cidr cidr, Place place) {
}
