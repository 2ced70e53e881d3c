package dev.geodns.server.engine;

import dev.geodns.server.dns.Template;

/**
 * Where the answer to a lookup result is kept, and the one place that builds it when it is not
 * there yet: referrals (one per delegation) and NXDOMAIN (one per zone) are built with the
 * snapshot; node answers on first use of each (type slot, site), then kept in the node. After that
 * every query is answered from the kept wire bytes: no dnsjava and no allocation, for every type
 * and for every name a wildcard covers.
 */
final class AnswerCache {
    private final AnswerBuilder builder;
    private final TypeSlots slots;
    private final int siteCount;

    AnswerCache(AnswerBuilder builder, TypeSlots slots, int siteCount) {
        this.builder = builder;
        this.slots = slots;
        this.siteCount = siteCount;
    }

    /** The answer to {@code qtype} where {@code lookup} ended, with {@code site} chosen by routing (or -1). */
    Template answer(Lookup lookup, int qtype, int site) {
        switch (lookup.outcome) {
            case REFUSED:
                return HeaderOnly.REFUSED;
            case REFERRAL:
                return lookup.node.referral;
            case NXDOMAIN:
                return lookup.zone.nxdomain;
            default:
                return nodeAnswer(lookup.node, qtype, site);
        }
    }

    private Template nodeAnswer(Node node, int qtype, int site) {
        Binding binding = node.binding;
        int slot = slots.slot(qtype);
        int variants = binding == null ? 1 : siteCount;
        int variant = binding == null ? 0 : site;
        if (variant < 0 || variant >= variants) {
            return builder.build(node, qtype, binding, site); // not a site of this world: never kept
        }
        Template t = node.answer(slot, variant);
        if (t == null) {
            t = builder.build(node, qtype, binding, binding == null ? -1 : site);
            node.keep(slot, variant, t, slots.count(), variants);
        }
        return t;
    }
}
