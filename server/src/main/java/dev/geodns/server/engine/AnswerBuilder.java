package dev.geodns.server.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.HINFORecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Builds the answer to one (name, type, site) as a {@link Template}, following RFC 1034 4.3.2:
 * CNAME chains inside our zones in one answer, wildcards (RFC 4592), referrals at delegations,
 * NXDOMAIN/NODATA with the zone's SOA (RFC 2308), minimal ANY (RFC 8482).
 *
 * <p>This is the load-time side of answering: it may allocate freely (dnsjava records and its
 * encoder with name compression). Results are cached per node, so a given answer is built once.
 */
final class AnswerBuilder {
    private static final int MAX_CHAIN = 16;

    private final Snapshot snapshot;

    AnswerBuilder(Snapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** The REFUSED answer for names outside every zone. */
    Template refused() {
        return snapshot.refused;
    }

    /**
     * Builds the answer to {@code qname}/{@code qtype} when routing chose {@code siteIndex} for
     * {@code binding} (both -1/null for static names).
     */
    Template build(Name qname, int qtype, Binding binding, int siteIndex) {
        Message m = new Message();
        m.addRecord(Record.newRecord(qname, qtype, DClass.IN), Section.QUESTION);
        Name current = qname;
        int rcode = Rcode.NOERROR;
        boolean authoritative = true;
        Set<Name> seen = new HashSet<>();
        for (int step = 0; step < MAX_CHAIN; step++) {
            boolean first = step == 0;
            byte[] key = current.toWireCanonical();
            Node encloser = snapshot.closestEncloser(key, key.length);
            if (encloser == null || encloser.zone == null) {
                if (first) {
                    return refused();
                }
                break; // the chain leaves our zones: the resolver follows it elsewhere
            }
            Node exact = encloser.name.equals(current) ? encloser : null;
            Node cut = encloser.cut;
            if (cut != null && !(qtype == Type.DS && exact == cut)) {
                if (first) {
                    return referral(cut);
                }
                break;
            }
            Node node = exact;
            if (node == null && encloser.wildcard != null) {
                node = encloser.wildcard; // RFC 4592 3.3.1: synthesize from the source of synthesis
            }
            if (node == null) {
                rcode = Rcode.NXDOMAIN; // RFC 6604: the rcode speaks for the last name of the chain
                m.addRecord(encloser.zone.negativeSoa, Section.AUTHORITY);
                break;
            }
            List<Record> matching = matching(node, current, qtype);
            if (!matching.isEmpty()) {
                matching.forEach(r -> m.addRecord(r, Section.ANSWER));
                addAdditional(m, matching);
                break;
            }
            Record cname = cname(node, current, binding, siteIndex);
            if (cname != null && (qtype == Type.CNAME || qtype == Type.ANY)) {
                m.addRecord(cname, Section.ANSWER); // the CNAME itself answers; not followed
                break;
            }
            if (cname != null) {
                m.addRecord(cname, Section.ANSWER);
                Name target = ((CNAMERecord) cname).getTarget();
                if (!seen.add(current) || seen.contains(target)) {
                    break; // a loop in the data: stop with what we have
                }
                current = target;
                continue;
            }
            if (node.geo != null) {
                break; // a geo step of a service other than the one routed: the resolver asks again
            }
            m.addRecord(node.zone.negativeSoa, Section.AUTHORITY); // NODATA (RFC 2308 2.2)
            break;
        }
        return encode(m, qname, rcode, authoritative, siteIndex);
    }

    /**
     * The referral to the delegation at {@code cut} (AA clear, NS in authority, glue in additional,
     * RFC 1034 4.3.2 step 3b). Written without name compression so that one template serves every
     * name below the cut, whatever its length.
     */
    Template referral(Node cut) {
        List<Record> ns = cut.data.get(Type.NS);
        Message m = new Message();
        addAdditional(m, ns);
        return uncompressed(ns, m.getSection(Section.ADDITIONAL), Rcode.NOERROR, false);
    }

    /** NXDOMAIN with the zone's SOA, uncompressed so that it serves every missing name of the zone. */
    Template nxdomain(Zone zone) {
        return uncompressed(List.of(zone.negativeSoa), List.of(), Rcode.NXDOMAIN, true);
    }

    private static Template uncompressed(List<Record> authority, List<Record> additional, int rcode,
            boolean authoritative) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Record r : authority) {
            out.writeBytes(r.toWire(Section.AUTHORITY));
        }
        for (Record r : additional) {
            out.writeBytes(r.toWire(Section.ADDITIONAL));
        }
        return new Template(out.toByteArray(), 0, authority.size(), additional.size(), rcode, authoritative, -1);
    }

    /** Records of {@code node} answering {@code qtype}, with the owner rewritten for wildcards. */
    private List<Record> matching(Node node, Name owner, int qtype) {
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

    private Record cname(Node node, Name owner, Binding binding, int siteIndex) {
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
    private void addAdditional(Message m, List<Record> records) {
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
            List<Record> addresses = addresses(target);
            addresses.forEach(a -> m.addRecord(a, Section.ADDITIONAL));
        }
    }

    private List<Record> addresses(Name target) {
        List<Record> out = new ArrayList<>();
        Map<Name, List<Record>> glue = snapshot.glue;
        List<Record> known = glue.get(target);
        if (known != null) {
            out.addAll(known);
        }
        return out;
    }

    private Template encode(Message m, Name qname, int rcode, boolean authoritative, int siteIndex) {
        byte[] wire = m.toWire();
        int questionEnd = 12 + qname.length() + 4;
        byte[] body = java.util.Arrays.copyOfRange(wire, questionEnd, wire.length);
        return new Template(body, m.getSection(Section.ANSWER).size(), m.getSection(Section.AUTHORITY).size(),
                m.getSection(Section.ADDITIONAL).size(), rcode, authoritative, siteIndex);
    }
}
