package dev.geodns.server.engine;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.xbill.DNS.Type;

/**
 * Folds the 65,536 query types into the few whose answers can differ in one world, so that every
 * node caches at most one answer per slot (and per site): a slot for each type some node of the
 * world has data of, one each for CNAME, ANY and DS (which the lookup treats specially), and slot
 * {@link #OTHER} shared by every other type. For a type no node has, the walk takes the same
 * steps whatever the type (CNAMEs followed, then NODATA, NXDOMAIN or the chain leaving our
 * zones), so one answer serves them all. Immutable; built once per snapshot.
 */
final class TypeSlots {
    /** The slot of every type that no node of the world has data of. */
    static final int OTHER = 0;
    /** Types below this are looked up in an array; the rare ones above in a short sorted list. */
    private static final int DIRECT = 1024;

    private final short[] direct = new short[DIRECT];
    private final int[] highTypes;
    private final short[] highSlots;
    private final int count;

    TypeSlots(Set<Integer> typesWithData) {
        Set<Integer> types = new TreeSet<>(typesWithData);
        types.add(Type.CNAME);
        types.add(Type.ANY);
        types.add(Type.DS);
        int next = OTHER + 1;
        int high = (int) types.stream().filter(t -> t >= DIRECT).count();
        highTypes = new int[high];
        highSlots = new short[high];
        int h = 0;
        for (int type : types) {
            if (type < DIRECT) {
                direct[type] = (short) next++;
            } else {
                highTypes[h] = type;
                highSlots[h++] = (short) next++;
            }
        }
        count = next;
    }

    /** The slot of {@code qtype}. Allocation-free. */
    int slot(int qtype) {
        if (qtype < DIRECT) {
            return direct[qtype];
        }
        int i = Arrays.binarySearch(highTypes, qtype);
        return i >= 0 ? highSlots[i] : OTHER;
    }

    /** Number of slots, {@link #OTHER} included. */
    int count() {
        return count;
    }
}
