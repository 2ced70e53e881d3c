package dev.geodns.server.metrics;

import java.util.IdentityHashMap;

/**
 * A copy-on-write map keyed by object identity, for finding a meter from a world's own objects on
 * the hot path: a read is one volatile read and an identity-hash lookup, never a lock and never an
 * allocation. Writes (first sight of a key) copy the map under a lock. When {@code limit} keys are
 * held the map starts over, so the objects of worlds replaced long ago are not kept alive.
 */
final class IdentityCache<K, V> {
    private final int limit;
    private volatile IdentityHashMap<K, V> map = new IdentityHashMap<>();

    IdentityCache(int limit) {
        this.limit = limit;
    }

    /** The value for {@code key}, or null. */
    V get(K key) {
        return map.get(key);
    }

    /** Stores {@code value} unless {@code key} already has one; returns the value kept. */
    synchronized V putIfAbsent(K key, V value) {
        IdentityHashMap<K, V> current = map;
        V existing = current.get(key);
        if (existing != null) {
            return existing;
        }
        IdentityHashMap<K, V> next = current.size() >= limit ? new IdentityHashMap<>() : new IdentityHashMap<>(current);
        next.put(key, value);
        map = next;
        return value;
    }
}
