package dev.geodns.server.engine;

import java.util.Arrays;

/**
 * An open-addressing hash table from lower-cased wire-format names to values.
 *
 * <p>Our own rather than a {@code HashMap<Name, V>} because lookups happen per query on a slice of a
 * reused byte array (the question name or one of its suffixes): no key object is allocated. Built
 * once at load time, then read-only, so it is safe for any number of reader threads.
 */
final class NameTable<V> {
    private final byte[][] keys;
    private final Object[] values;
    private final int mask;
    private int size;

    NameTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new byte[capacity][];
        values = new Object[capacity];
        mask = capacity - 1;
    }

    static int hash(byte[] bytes, int offset, int length) {
        int h = 0x811c9dc5;
        for (int i = offset; i < offset + length; i++) {
            h = (h ^ bytes[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }

    /** Adds or replaces; only during building. */
    void put(byte[] key, V value) {
        if (size * 2 >= keys.length) {
            throw new IllegalStateException("NameTable sized too small");
        }
        int i = hash(key, 0, key.length) & mask;
        while (keys[i] != null) {
            if (Arrays.equals(keys[i], key)) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
    }

    /** The value for the name in {@code bytes[offset, offset+length)}, or null. Allocation-free. */
    @SuppressWarnings("unchecked")
    V get(byte[] bytes, int offset, int length) {
        int i = hash(bytes, offset, length) & mask;
        while (true) {
            byte[] k = keys[i];
            if (k == null) {
                return null;
            }
            if (k.length == length && Arrays.equals(k, 0, length, bytes, offset, offset + length)) {
                return (V) values[i];
            }
            i = (i + 1) & mask;
        }
    }

    /** Every value, in table order (load time and tools only). */
    @SuppressWarnings("unchecked")
    void forEach(java.util.function.Consumer<V> action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                action.accept((V) values[i]);
            }
        }
    }

    int size() {
        return size;
    }
}
