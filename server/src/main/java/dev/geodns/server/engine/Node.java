package dev.geodns.server.engine;

import dev.geodns.config.model.Site;
import dev.geodns.server.dns.Template;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * One owner name of the snapshot (existing data, a service name, or an empty non-terminal) and the
 * answers already built for it.
 *
 * <p>Fields are set while the snapshot is built and not changed after it is published, except the
 * answer cache, which fills lock-free on first use of each (type slot, site) pair. The cache holds
 * at most {@link TypeSlots#count()} x (1, or the world's site count when routing decides the
 * answer) templates, whatever the queries: its size is bounded by the world, not by the traffic.
 */
final class Node {
    private static final VarHandle ANSWERS;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Template[][].class);
    private static final VarHandle VARIANT = MethodHandles.arrayElementVarHandle(Template[].class);

    static {
        try {
            ANSWERS = MethodHandles.lookup().findVarHandle(Node.class, "answers", Template[][].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Name name;
    /**
     * Whether this is a wildcard owner ({@code *.parent}): its answers serve every name it covers,
     * so they write the owner as a pointer to the question instead of this name.
     */
    final boolean wildcardOwner;
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
    /** When this node is a delegation point: the referral to it, built with the snapshot. */
    Template referral;
    /** Answers by type slot, then by site (index 0 when no routing decides); created on first use. */
    @SuppressWarnings("unused") // accessed through ANSWERS
    private volatile Template[][] answers;

    Node(Name name) {
        this.name = name;
        this.wildcardOwner = name.labels() > 1 && name.getLabelString(0).equals("*");
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

    /** The answer kept for type {@code slot} and {@code variant} (the site, or 0), or null. */
    Template answer(int slot, int variant) {
        Template[][] bySlot = (Template[][]) ANSWERS.getAcquire(this);
        if (bySlot == null) {
            return null;
        }
        Template[] byVariant = (Template[]) SLOT.getAcquire(bySlot, slot);
        return byVariant == null || variant >= byVariant.length ? null : (Template) VARIANT.getAcquire(byVariant, variant);
    }

    /**
     * Keeps {@code answer} for ({@code slot}, {@code variant}) of {@code slots} x {@code variants}.
     * Two threads building the same answer at once both succeed; either template is right.
     */
    void keep(int slot, int variant, Template answer, int slots, int variants) {
        Template[][] bySlot = (Template[][]) ANSWERS.getAcquire(this);
        if (bySlot == null) {
            Template[][] fresh = new Template[slots][];
            Template[][] witness = (Template[][]) ANSWERS.compareAndExchangeRelease(this, null, fresh);
            bySlot = witness == null ? fresh : witness;
        }
        Template[] byVariant = (Template[]) SLOT.getAcquire(bySlot, slot);
        if (byVariant == null) {
            Template[] fresh = new Template[variants];
            Template[] witness = (Template[]) SLOT.compareAndExchangeRelease(bySlot, slot, null, fresh);
            byVariant = witness == null ? fresh : witness;
        }
        VARIANT.setRelease(byVariant, variant, answer);
    }
}
