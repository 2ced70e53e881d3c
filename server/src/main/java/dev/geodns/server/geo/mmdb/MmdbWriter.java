package dev.geodns.server.geo.mmdb;

import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.Place;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Writes a GeoIP2-City-format MaxMind DB (MaxMind DB File Format Specification v2.0) from a list of
 * (network, place) entries, so that a lab plan can be read by any GeoIP2 reader. Not thread-safe;
 * build one database per instance.
 *
 * <p>Layout, as the spec has it: a binary search tree (one level per address bit, node 0 the root,
 * two records per node of 24, 28 or 32 bits, the smallest that fits), 16 zero bytes, the data
 * section, then {@code \xAB\xCD\xEFMaxMind.com} and the metadata map. The tree is IPv6
 * ({@code ip_version} 6); IPv4 networks live at {@code ::a.b.c.d/96+n}, where MaxMind puts them.
 * MaxMind also aliases {@code ::ffff:0:0/96} and {@code 2002::/16} to that subtree; we do not, as
 * Java hands IPv4-mapped addresses to readers as IPv4 already.
 *
 * <p>Each record is a map with {@code continent.code}, and when known {@code country.iso_code},
 * {@code city.names.en} and {@code location.latitude/longitude}: the fields GeoIP2 City readers
 * use to place an address. Identical records are stored once. Map keys are written sorted and the
 * tree numbered breadth-first, so the same entries and build time give the same bytes.
 */
public final class MmdbWriter {
    /** The database type GeoIP2 readers accept for City lookups. */
    public static final String CITY_DATABASE_TYPE = "GeoIP2-City";

    private static final byte[] METADATA_MARKER = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF,
        'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'};
    private static final int DATA_SEPARATOR = 16;

    private final List<Entry> entries = new ArrayList<>();
    private String databaseType = CITY_DATABASE_TYPE;
    private String description = "GeoDNS Emulator lab plan";
    private Instant buildTime = Instant.now();
    private int recordSize;

    /** One network and what its record says. */
    private record Entry(Cidr network, Place place, boolean withLocation) {
        /** Depth of the network in the IPv6 tree: IPv4 networks sit below {@code ::/96}. */
        int depth() {
            return network.isIpv4() ? 96 + network.prefixLength() : network.prefixLength();
        }

        byte[] address16() {
            byte[] raw = network.networkBytes();
            if (raw.length == 16) {
                return raw;
            }
            byte[] out = new byte[16];
            System.arraycopy(raw, 0, out, 12, 4);
            return out;
        }
    }

    // Typed integers, so that each field gets the type the spec (and MaxMind's readers) expect.
    private record Uint16(int value) { }

    private record Uint32(long value) { }

    private record Uint64(long value) { }

    /** Sets {@code database_type} (default {@value #CITY_DATABASE_TYPE}). */
    public MmdbWriter databaseType(String type) {
        this.databaseType = Objects.requireNonNull(type);
        return this;
    }

    /** Sets the English {@code description}. */
    public MmdbWriter description(String text) {
        this.description = Objects.requireNonNull(text);
        return this;
    }

    /** Sets {@code build_epoch} (default: now). Fix it to get reproducible bytes. */
    public MmdbWriter buildTime(Instant time) {
        this.buildTime = Objects.requireNonNull(time);
        return this;
    }

    /** Forces a record size of 24, 28 or 32 bits; 0 (the default) picks the smallest that fits. */
    public MmdbWriter recordSize(int bits) {
        if (bits != 0 && bits != 24 && bits != 28 && bits != 32) {
            throw new IllegalArgumentException("record size must be 24, 28 or 32 bits, not " + bits);
        }
        this.recordSize = bits;
        return this;
    }

    /** Adds a network with everything its place knows, coordinates included. */
    public MmdbWriter add(Cidr network, Place place) {
        return add(new Entry(network, place, true));
    }

    /**
     * Adds a network whose record has no {@code location}, like a GeoIP row that knows only the
     * country or continent; readers then have to pick a representative point themselves.
     */
    public MmdbWriter addWithoutLocation(Cidr network, Place place) {
        return add(new Entry(network, place, false));
    }

    private MmdbWriter add(Entry entry) {
        Objects.requireNonNull(entry.place(), "place");
        for (Entry e : entries) {
            if (e.network().equals(entry.network())) {
                throw new IllegalArgumentException("network " + entry.network() + " added twice");
            }
        }
        entries.add(entry);
        return this;
    }

    /** Writes the database to {@code file}, replacing it. */
    public void write(Path file) throws IOException {
        Files.write(file, toByteArray());
    }

    /** The whole database file. */
    public byte[] toByteArray() {
        // Data section: each distinct record once.
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        Map<ByteBuffer, Integer> offsets = new HashMap<>();
        Map<Entry, Integer> entryOffset = new IdentityHashMap<>();
        for (Entry e : entries) {
            byte[] encoded = encode(record(e));
            Integer offset = offsets.get(ByteBuffer.wrap(encoded));
            if (offset == null) {
                offset = data.size();
                offsets.put(ByteBuffer.wrap(encoded), offset);
                data.writeBytes(encoded);
            }
            entryOffset.put(e, offset);
        }

        // Tree: shorter networks first, so a longer one only ever splits a leaf of a shorter one.
        Node root = new Node();
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt(Entry::depth));
        for (Entry e : sorted) {
            insert(root, e.address16(), e.depth(), new Leaf(entryOffset.get(e)));
        }
        List<Node> nodes = numberBreadthFirst(root);
        long nodeCount = nodes.size();
        int bits = recordSize != 0 ? recordSize : smallestRecordSize(nodeCount + DATA_SEPARATOR + data.size());
        if (nodeCount + DATA_SEPARATOR + data.size() >= 1L << bits) {
            throw new IllegalStateException("database too large for " + bits + "-bit records");
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Node n : nodes) {
            writeNode(out, bits, value(n.zero, nodeCount), value(n.one, nodeCount));
        }
        out.writeBytes(new byte[DATA_SEPARATOR]);
        out.writeBytes(data.toByteArray());
        out.writeBytes(METADATA_MARKER);
        out.writeBytes(encode(metadata(nodeCount, bits)));
        return out.toByteArray();
    }

    private Map<String, Object> record(Entry e) {
        Place p = e.place();
        Map<String, Object> r = new TreeMap<>();
        if (p.city() != null) {
            r.put("city", Map.of("names", Map.of("en", p.city())));
        }
        r.put("continent", Map.of("code", p.continent().name()));
        if (p.country() != null) {
            r.put("country", Map.of("iso_code", p.country()));
        }
        if (e.withLocation()) {
            Map<String, Object> location = new TreeMap<>();
            location.put("latitude", p.latitude());
            location.put("longitude", p.longitude());
            r.put("location", location);
        }
        return r;
    }

    private Map<String, Object> metadata(long nodeCount, int bits) {
        Map<String, Object> m = new TreeMap<>();
        m.put("binary_format_major_version", new Uint16(2));
        m.put("binary_format_minor_version", new Uint16(0));
        m.put("build_epoch", new Uint64(buildTime.getEpochSecond()));
        m.put("database_type", databaseType);
        m.put("description", Map.of("en", description));
        m.put("ip_version", new Uint16(6));
        m.put("languages", List.of("en"));
        m.put("node_count", new Uint32(nodeCount));
        m.put("record_size", new Uint16(bits));
        return m;
    }

    // ---- search tree ----

    /** A tree node; each side holds a {@link Node}, a {@link Leaf}, or null (no data). */
    private static final class Node {
        Object zero;
        Object one;
        int number;

        Node() {
        }

        Node(Object both) {
            this.zero = both;
            this.one = both;
        }
    }

    private record Leaf(int dataOffset) { }

    private static void insert(Node root, byte[] address, int depth, Leaf leaf) {
        if (depth == 0) {
            root.zero = leaf;
            root.one = leaf;
            return;
        }
        Node node = root;
        for (int d = 0; d < depth - 1; d++) {
            boolean one = bit(address, d) == 1;
            Object child = one ? node.one : node.zero;
            if (!(child instanceof Node)) {
                // Empty or a shorter network's leaf: split it, both halves keep what it held.
                child = new Node(child);
                if (one) {
                    node.one = child;
                } else {
                    node.zero = child;
                }
            }
            node = (Node) child;
        }
        if (bit(address, depth - 1) == 1) {
            node.one = leaf;
        } else {
            node.zero = leaf;
        }
    }

    private static int bit(byte[] address, int index) {
        return (address[index >>> 3] >>> (7 - (index & 7))) & 1;
    }

    private static List<Node> numberBreadthFirst(Node root) {
        List<Node> out = new ArrayList<>();
        ArrayDeque<Node> queue = new ArrayDeque<>();
        queue.add(root);
        while (!queue.isEmpty()) {
            Node n = queue.poll();
            n.number = out.size();
            out.add(n);
            if (n.zero instanceof Node z) {
                queue.add(z);
            }
            if (n.one instanceof Node o) {
                queue.add(o);
            }
        }
        return out;
    }

    /** A record's value: a node number, {@code nodeCount} for "no data", or a data pointer. */
    private static long value(Object side, long nodeCount) {
        if (side instanceof Node n) {
            return n.number;
        }
        if (side instanceof Leaf l) {
            return nodeCount + DATA_SEPARATOR + l.dataOffset();
        }
        return nodeCount;
    }

    private static int smallestRecordSize(long maxValue) {
        return maxValue < 1L << 24 ? 24 : maxValue < 1L << 28 ? 28 : 32;
    }

    private static void writeNode(ByteArrayOutputStream out, int bits, long left, long right) {
        switch (bits) {
            case 24 -> {
                writeBigEndian(out, left, 3);
                writeBigEndian(out, right, 3);
            }
            case 28 -> {
                // The top 4 bits of both records share the middle byte, left's in the high nibble.
                writeBigEndian(out, left & 0xFFFFFF, 3);
                out.write((int) (((left >>> 24) & 0x0F) << 4 | ((right >>> 24) & 0x0F)));
                writeBigEndian(out, right & 0xFFFFFF, 3);
            }
            default -> {
                writeBigEndian(out, left, 4);
                writeBigEndian(out, right, 4);
            }
        }
    }

    private static void writeBigEndian(ByteArrayOutputStream out, long value, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
    }

    // ---- data section encoding ----

    private static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encode(out, value);
        return out.toByteArray();
    }

    private static void encode(ByteArrayOutputStream out, Object value) {
        if (value instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            control(out, 2, utf8.length);
            out.writeBytes(utf8);
        } else if (value instanceof Double d) {
            control(out, 3, 8);
            writeBigEndian(out, Double.doubleToLongBits(d), 8);
        } else if (value instanceof Uint16 u) {
            unsigned(out, 5, u.value());
        } else if (value instanceof Uint32 u) {
            unsigned(out, 6, u.value());
        } else if (value instanceof Uint64 u) {
            unsigned(out, 9, u.value());
        } else if (value instanceof Map<?, ?> map) {
            control(out, 7, map.size());
            // Sorted keys: the bytes must not depend on a HashMap's iteration order.
            for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
                encode(out, (String) e.getKey());
                encode(out, e.getValue());
            }
        } else if (value instanceof List<?> list) {
            control(out, 11, list.size());
            for (Object item : list) {
                encode(out, item);
            }
        } else {
            throw new IllegalArgumentException("cannot encode " + value);
        }
    }

    /** Unsigned integers use as few big-endian bytes as the value needs; 0 takes none. */
    private static void unsigned(ByteArrayOutputStream out, int type, long value) {
        byte[] bytes = BigInteger.valueOf(value).toByteArray();
        int skip = 0;
        while (skip < bytes.length && bytes[skip] == 0) {
            skip++;
        }
        control(out, type, bytes.length - skip);
        out.write(bytes, skip, bytes.length - skip);
    }

    /**
     * The control byte: type in the top 3 bits (0 = extended, type - 7 in the next byte), size in the
     * low 5 bits, with 29/30/31 meaning 1, 2 or 3 more size bytes after any extended type byte.
     */
    private static void control(ByteArrayOutputStream out, int type, int size) {
        int typeBits = type <= 7 ? type << 5 : 0;
        int sizeBits;
        int extra;
        int extraBytes;
        if (size < 29) {
            sizeBits = size;
            extra = 0;
            extraBytes = 0;
        } else if (size < 29 + 256) {
            sizeBits = 29;
            extra = size - 29;
            extraBytes = 1;
        } else if (size < 285 + 65536) {
            sizeBits = 30;
            extra = size - 285;
            extraBytes = 2;
        } else {
            sizeBits = 31;
            extra = size - 65821;
            extraBytes = 3;
        }
        out.write(typeBits | sizeBits);
        if (type > 7) {
            out.write(type - 7);
        }
        writeBigEndian(out, extra, extraBytes);
    }
}
