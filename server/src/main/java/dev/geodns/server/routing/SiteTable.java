package dev.geodns.server.routing;

import dev.geodns.config.model.Site;
import dev.geodns.config.model.World;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The world's sites numbered 0..n-1 in file order, so that the hot path works with {@code int}s
 * (gdnsd and Knot turn names into numbers at load time too). Immutable and thread-safe.
 */
public final class SiteTable {
    private final List<Site> sites;
    private final Map<String, Integer> byId;

    /** @throws IllegalArgumentException when two sites share an id */
    public SiteTable(List<Site> sites) {
        this.sites = List.copyOf(sites);
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < this.sites.size(); i++) {
            if (ids.put(this.sites.get(i).id(), i) != null) {
                throw new IllegalArgumentException("site '" + this.sites.get(i).id() + "' is listed twice");
            }
        }
        this.byId = Map.copyOf(ids);
    }

    public static SiteTable of(World world) {
        return new SiteTable(world.sites());
    }

    public int size() {
        return sites.size();
    }

    /** The site with this index; {@link IndexOutOfBoundsException} outside 0..size-1. */
    public Site site(int index) {
        return sites.get(index);
    }

    /** The index of the site with this id, or -1. */
    public int indexOf(String id) {
        Integer i = id == null ? null : byId.get(id);
        return i == null ? -1 : i;
    }

    /**
     * The index of the site with this id.
     *
     * @throws IllegalArgumentException when no site has that id
     */
    public int require(String id) {
        int i = indexOf(id);
        if (i < 0) {
            throw new IllegalArgumentException("unknown site '" + id + "'");
        }
        return i;
    }

    /** All sites, in index order. */
    public List<Site> sites() {
        return sites;
    }
}
