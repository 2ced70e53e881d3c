package dev.geodns.testbed.scenario;

/**
 * The scenario's top-level settings, as bound by {@link HeaderBinder}.
 *
 * @param rounds how many times every client runs its lookups
 * @param roundSeconds virtual seconds between rounds
 * @param recordType the address type asked: 1 (A) or 28 (AAAA)
 * @param stubClient how clients ask real resolvers: {@code dnsjava}, {@code dig} or {@code kdig}
 */
record Header(String name, String description, int rounds, double roundSeconds, int recordType, String stubClient) {
}
