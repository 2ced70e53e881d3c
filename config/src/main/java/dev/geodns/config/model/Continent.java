package dev.geodns.config.model;

/** Continent codes as used by GeoIP2 ({@code AF AN AS EU NA OC SA}). */
public enum Continent {
    AF, AN, AS, EU, NA, OC, SA
}
