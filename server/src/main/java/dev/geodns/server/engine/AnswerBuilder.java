package dev.geodns.server.engine;

import dev.geodns.server.dns.Template;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.HINFORecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

/**
 * Builds the answer from one node for one (type, site) as a {@link Template}, following RFC 1034
 * 4.3.2 from where the lookup walk ({@link Snapshot#lookup}) ended: CNAME chains inside our zones
 * in one answer (each target found with the same walk), wildcards (RFC 4592), NODATA and
 * NXDOMAIN with the zone's SOA (RFC 2308), minimal ANY (RFC 8482), glue for NS/MX/SRV targets;
 * and the referral of each delegation and the NXDOMAIN of each zone.
 *
 * <p>This is the load-time side of answering: it may allocate freely (dnsjava records and its
 * encoder). {@link AnswerCache} keeps what it builds, so a given answer is built once.
 */
final class AnswerBuilder {
    private static final int MAX_CHAIN = 16;

    private final Snapshot snapshot;

    AnswerBuilder(Snapshot snapshot) {
        this.snapshot = snapshot;
    }

    /**
     * Builds the answer of {@code start} (the node the walk found, or the wildcard that covers the
     * name) to {@code qtype} when routing chose {@code siteIndex} for {@code binding} (both -1/null
     * when no routing decides). A wildcard's answer serves every name it covers.
     */
    Template build(Node start, int qtype, Binding binding, int siteIndex) {
        List<Record> answer = new ArrayList<>();
        List<Record> authority = new ArrayList<>();
        List<Record> additional = new ArrayList<>();
        Name current = start.name;
        Node node = start;
        int rcode = Rcode.NOERROR;
        int ownedByQuestion = 0;
        Set<Name> seen = new HashSet<>();
        Lookup step = new Lookup();
        for (int i = 0; i < MAX_CHAIN; i++) {
            if (i > 0) {
                byte[] key = current.toWireCanonical();
                snapshot.lookup(key, key.length, qtype, step);
                if (step.outcome == Lookup.Outcome.REFUSED || step.outcome == Lookup.Outcome.REFERRAL) {
                    break; // the chain leaves our zones or our authority: the resolver follows it
                }
                if (step.outcome == Lookup.Outcome.NXDOMAIN) {
                    rcode = Rcode.NXDOMAIN; // RFC 6604: the rcode speaks for the last name of the chain
                    authority.add(step.zone.negativeSoa);
                    break;
                }
                node = step.node; // RFC 4592 3.3.1: a wildcard synthesizes with the asked owner
            }
            boolean done = step(node, current, qtype, binding, siteIndex, answer, authority, additional);
            if (i == 0) {
                ownedByQuestion = answer.size();
            }
            if (done) {
                break;
            }
            Name target = ((CNAMERecord) answer.get(answer.size() - 1)).getTarget();
            if (!seen.add(current) || seen.contains(target)) {
                break; // a loop in the data: stop with what we have
            }
            current = target;
        }
        return start.wildcardOwner
                ? TemplateEncoder.forAnyName(ownedByQuestion, answer, authority, additional, rcode)
                : TemplateEncoder.forName(start.name, answer, authority, additional, rcode);
    }

    /**
     * Adds what {@code node} (named {@code owner}) gives for {@code qtype}; false when that is a
     * CNAME to follow (then the last answer record).
     */
    private boolean step(Node node, Name owner, int qtype, Binding binding, int siteIndex, List<Record> answer,
            List<Record> authority, List<Record> additional) {
        List<Record> matching = matching(node, owner, qtype);
        if (!matching.isEmpty()) {
            answer.addAll(matching);
            addAdditional(additional, matching);
            return true;
        }
        Record cname = cname(node, owner, binding, siteIndex);
        if (cname != null) {
            answer.add(cname);
            return qtype == Type.CNAME || qtype == Type.ANY; // the CNAME itself answers; not followed
        }
        if (node.geo == null) {
            authority.add(node.zone.negativeSoa); // NODATA (RFC 2308 2.2)
        } // else a geo step of a service other than the one routed: the resolver asks again
        return true;
    }

    /**
     * The referral to the delegation at {@code cut} (AA clear, NS in authority, glue in additional,
     * RFC 1034 4.3.2 step 3b), serving every name below the cut.
     */
    Template referral(Node cut) {
        List<Record> ns = cut.data.get(Type.NS);
        List<Record> glue = new ArrayList<>();
        addAdditional(glue, ns);
        return TemplateEncoder.uncompressed(ns, glue, Rcode.NOERROR, false);
    }

    /** NXDOMAIN with the zone's SOA, serving every missing name of the zone. */
    Template nxdomain(Zone zone) {
        return TemplateEncoder.uncompressed(List.of(zone.negativeSoa), List.of(), Rcode.NXDOMAIN, true);
    }

    /** Records of {@code node} answering {@code qtype}, with the owner rewritten for wildcards. */
    private static List<Record> matching(Node node, Name owner, int qtype) {
        List<Record> out = new ArrayList<>();
        if (qtype == Type.ANY) {
            if (node.geo != null || node.data.containsKey(Type.CNAME)) {
                return out; // the CNAME branch answers it
            }
            if (node.data.size() == 1) {
                node.data.values().iterator().next().forEach(r -> out.add(withOwner(r, owner)));
            } else if (node.data.size() > 1) {
                // RFC 8482 4.2: one synthesized HINFO instead of every RRset.
                long ttl = node.data.values().stream().flatMap(List::stream).mapToLong(Record::getTTL).min().orElse(0);
                out.add(new HINFORecord(owner, DClass.IN, ttl, "RFC8482", ""));
            }
            return out;
        }
        List<Record> rrs = node.data.get(qtype);
        if (rrs != null) {
            rrs.forEach(r -> out.add(withOwner(r, owner)));
        }
        return out;
    }

    private static Record cname(Node node, Name owner, Binding binding, int siteIndex) {
        if (node.geo != null) {
            if (binding == null || !node.geo.binding().equals(binding) || siteIndex < 0) {
                return null;
            }
            Name target = node.geo.targets()[siteIndex];
            return target == null ? null : new CNAMERecord(owner, DClass.IN, node.geo.ttl(), target);
        }
        List<Record> c = node.data.get(Type.CNAME);
        return c == null ? null : withOwner(c.get(0), owner);
    }

    private static Record withOwner(Record r, Name owner) {
        return r.getName().equals(owner) ? r : r.withName(owner);
    }

    /** Addresses of NS, MX and SRV targets that we know, as additional data. */
    private void addAdditional(List<Record> additional, List<Record> records) {
        Set<Name> done = new HashSet<>();
        for (Record r : records) {
            Name target = null;
            if (r instanceof NSRecord ns) {
                target = ns.getTarget();
            } else if (r instanceof MXRecord mx) {
                target = mx.getTarget();
            } else if (r instanceof SRVRecord srv) {
                target = srv.getTarget();
            }
            if (target == null || !done.add(target)) {
                continue;
            }
            List<Record> known = snapshot.glue.get(target);
            if (known != null) {
                additional.addAll(known);
            }
        }
    }
}
