package dev.geodns.testbed.resolvers;

import java.util.List;

/**
 * One client query through a real resolver, with what reached the emulator because of it. Immutable.
 *
 * @param answer what the client got
 * @param site the id of the emulator site whose address the client got, or null
 * @param upstream the queries the emulator answered for the resolver while the client waited
 *     (only names in the resolver's zones, from its pinned source)
 * @param cacheHit true when nothing reached the emulator: the whole answer came from the resolver's cache
 * @param ecsSeenByEmulator the distinct ECS options ({@code address/prefix}) in {@code upstream}, in order
 */
public record ResolverAnswer(StubAnswer answer, String site, List<EmulatorQueryLog.Entry> upstream, boolean cacheHit,
        List<String> ecsSeenByEmulator) {
    public ResolverAnswer {
        upstream = List.copyOf(upstream);
        ecsSeenByEmulator = List.copyOf(ecsSeenByEmulator);
    }

    /** The ECS scopes the emulator returned in {@code upstream}, in order (null entries omitted). */
    public List<Integer> ecsScopesReturned() {
        return upstream.stream().map(EmulatorQueryLog.Entry::ecsScope).filter(s -> s != null).toList();
    }

    /** {@code fra (cache) NOERROR ...} or {@code fra (3 upstream, ecs [127.0.6.0/24]) ...}. */
    @Override
    public String toString() {
        return site + (cacheHit ? " (cache)" : " (" + upstream.size() + " upstream"
                + (ecsSeenByEmulator.isEmpty() ? "" : ", ecs " + ecsSeenByEmulator) + ")") + " " + answer;
    }
}
