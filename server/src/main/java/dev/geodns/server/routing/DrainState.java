package dev.geodns.server.routing;

import dev.geodns.server.policy.DrainView;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which sites are drained: skipped by every policy from the next query on. Thread-safe; reads
 * ({@link #isDrained(int)}) are one volatile array read and never lock, writes are lock-free.
 *
 * <p>One bit per site of a {@link SiteTable}, in an {@link AtomicLongArray}. A reload builds a new
 * table; {@link #carryOver} moves the drains of the sites that still exist into a state for it.
 */
public final class DrainState implements DrainView {
    private final SiteTable table;
    private final AtomicLongArray words;

    public DrainState(SiteTable table) {
        this.table = table;
        this.words = new AtomicLongArray((table.size() + 63) >>> 6);
    }

    /** The sites this state numbers. */
    public SiteTable table() {
        return table;
    }

    /**
     * Drains a site.
     *
     * @return true when it was live until now
     * @throws IllegalArgumentException for an unknown site id
     */
    public boolean drain(String siteId) {
        return set(table.require(siteId), true);
    }

    /**
     * Puts a drained site back into service.
     *
     * @return true when it was drained until now
     * @throws IllegalArgumentException for an unknown site id
     */
    public boolean restore(String siteId) {
        return set(table.require(siteId), false);
    }

    /** Whether the site with this index is drained; the hot-path read. */
    @Override
    public boolean isDrained(int index) {
        return (words.get(index >>> 6) & (1L << index)) != 0;
    }

    /** @throws IllegalArgumentException for an unknown site id */
    public boolean isDrained(String siteId) {
        return isDrained(table.require(siteId));
    }

    /** The drained sites' ids, in table order. */
    public List<String> drainedIds() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            if (isDrained(i)) {
                out.add(table.site(i).id());
            }
        }
        return out;
    }

    /**
     * A state for {@code newTable} in which the sites drained here, and still present there (by id),
     * are drained. Drains made here after this call are not carried; call it while swapping.
     */
    public DrainState carryOver(SiteTable newTable) {
        DrainState next = new DrainState(newTable);
        for (String id : drainedIds()) {
            int i = newTable.indexOf(id);
            if (i >= 0) {
                next.set(i, true);
            }
        }
        return next;
    }

    private boolean set(int index, boolean drained) {
        long bit = 1L << index;
        long before = words.getAndUpdate(index >>> 6, w -> drained ? w | bit : w & ~bit);
        return ((before & bit) != 0) != drained;
    }
}
