package dev.geodns.testbed.scenario;

import dev.geodns.config.latency.LatencySettings;
import dev.geodns.config.model.World;
import java.util.List;
import java.util.Optional;

/**
 * A validated lab scenario (testbed/README.md documents every key): the world, who asks through
 * which resolver, what they look up, what happens over time and what is expected. Immutable; built
 * only by {@link ScenarioLoader}.
 *
 * @param source where it came from: {@code builtin:NAME} or the file path
 * @param worldSource {@code builtin} or the world file path
 * @param rounds how many times every client runs its lookups
 * @param roundSeconds virtual seconds between rounds (resolver caches age by this much)
 * @param recordType the address type asked: 1 (A) or 28 (AAAA)
 * @param tenants the tenants the scenario uses
 * @param stubClient the stub client that asks real resolvers: {@code dnsjava} (default), {@code dig} or
 *     {@code kdig}
 */
public record Scenario(
        String name,
        String description,
        String source,
        World world,
        String worldSource,
        LatencySettings model,
        int rounds,
        double roundSeconds,
        int recordType,
        List<String> tenants,
        List<ResolverSpec> resolvers,
        List<ClientSpec> clients,
        List<EventSpec> events,
        List<Expectation> expectations,
        String stubClient) {
    /** The stub clients that can ask a real resolver ({@code stub_client:}). */
    public static final List<String> STUB_CLIENTS = List.of("dnsjava", "dig", "kdig");

    public Scenario {
        tenants = List.copyOf(tenants);
        resolvers = List.copyOf(resolvers);
        clients = List.copyOf(clients);
        events = List.copyOf(events);
        expectations = List.copyOf(expectations);
        if (!STUB_CLIENTS.contains(stubClient)) {
            throw new IllegalArgumentException("stub client must be one of " + STUB_CLIENTS + ": " + stubClient);
        }
    }

    public Optional<ResolverSpec> resolver(String id) {
        return resolvers.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public Optional<ClientSpec> client(String id) {
        return clients.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The virtual time of round {@code r}. */
    public double timeOf(int round) {
        return round * roundSeconds;
    }

    /** The same scenario with another route-stretch factor (the CLI's {@code --stretch}). */
    public Scenario withModel(LatencySettings newModel) {
        return new Scenario(name, description, source, world, worldSource, newModel, rounds, roundSeconds, recordType,
                tenants, resolvers, clients, events, expectations, stubClient);
    }

    /** The same scenario with another stub client for its real resolvers (the CLI's {@code --stub-client}). */
    public Scenario withStubClient(String tool) {
        return new Scenario(name, description, source, world, worldSource, model, rounds, roundSeconds, recordType,
                tenants, resolvers, clients, events, expectations, tool);
    }

    /** The same scenario with other resolvers (a comparison plays every resolver with one software). */
    public Scenario withResolvers(List<ResolverSpec> newResolvers) {
        return new Scenario(name, description, source, world, worldSource, model, rounds, roundSeconds, recordType,
                tenants, newResolvers, clients, events, expectations, stubClient);
    }

    /** True when at least one resolver is a real resolver process (the run then goes by the wall clock). */
    public boolean hasRealResolvers() {
        return resolvers.stream().anyMatch(ResolverSpec::real);
    }
}
