package dev.geodns.server.engine;

import dev.geodns.config.model.Site;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * One owner name of the snapshot (existing data, a service name, or an empty non-terminal) and the
 * answers already built for it.
 *
 * <p>Fields are set while the snapshot is built and not changed after it is published, except the
 * template cache, which fills lock-free on first use of each (qtype, site) pair.
 */
final class Node {
    private static final int SLOTS = 10;

    final Name name;
    Zone zone;
    /** Static RRsets by type, in load order (CNAME included when static). */
    final Map<Integer, List<Record>> data = new LinkedHashMap<>();
    /** Non-null when this node's CNAME is the geo step of a service. */
    GeoStep geo;
    /** Which service's routing decides answers for this name (itself or reached through CNAMEs). */
    Binding binding;
    /** The delegation point at or above this node inside its zone (never the apex), or null. */
    Node cut;
    /** The {@code *} child (RFC 4592), or null. */
    Node wildcard;
    /** Non-null for a service's regional name: the site it stands for. */
    Site regionalSite;
    volatile Template referral;
    private final AtomicReferenceArray<Template[]> cache = new AtomicReferenceArray<>(SLOTS);

    Node(Name name) {
        this.name = name;
    }

    void add(Record r) {
        data.computeIfAbsent(r.getType(), t -> new ArrayList<>()).add(r);
    }

    boolean hasData() {
        return !data.isEmpty() || geo != null;
    }

    boolean isDelegation() {
        return zone != null && !name.equals(zone.origin) && data.containsKey(Type.NS);
    }

    /** Cache slot for the common query types; -1 for types built on every query. */
    static int slot(int qtype) {
        switch (qtype) {
            case Type.A: return 0;
            case Type.NS: return 1;
            case Type.CNAME: return 2;
            case Type.SOA: return 3;
            case Type.MX: return 4;
            case Type.TXT: return 5;
            case Type.AAAA: return 6;
            case Type.SRV: return 7;
            case Type.ANY: return 8;
            case Type.HTTPS: return 9;
            default: return -1;
        }
    }

    Template cached(int slot, int siteIndex) {
        Template[] set = cache.get(slot);
        if (set != null) {
            for (Template t : set) {
                if (t.siteIndex == siteIndex) {
                    return t;
                }
            }
        }
        return null;
    }

    void store(int slot, Template template) {
        while (true) {
            Template[] old = cache.get(slot);
            Template[] next;
            if (old == null) {
                next = new Template[] {template};
            } else {
                for (Template t : old) {
                    if (t.siteIndex == template.siteIndex) {
                        return; // another thread built the same answer first
                    }
                }
                next = java.util.Arrays.copyOf(old, old.length + 1);
                next[old.length] = template;
            }
            if (cache.compareAndSet(slot, old, next)) {
                return;
            }
        }
    }
}
