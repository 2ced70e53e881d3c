package dev.geodns.server.engine;

import dev.geodns.server.dns.Template;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns the records of an answer into a {@link Template}'s wire bytes, in one of three forms,
 * chosen by which questions the template must serve. Load-time side: uses dnsjava and allocates.
 */
final class TemplateEncoder {
    /** A compression pointer to offset 12, where every response's question name starts. */
    private static final byte[] POINTER_TO_QUESTION = {(byte) 0xc0, 12};

    private TemplateEncoder() {
    }

    /**
     * For questions of exactly {@code qname} (in any case): dnsjava's encoder with name
     * compression, the question included so that names compress against it, then cut off.
     */
    static Template forName(Name qname, List<Record> answer, List<Record> authority, List<Record> additional,
            int rcode) {
        Message m = new Message();
        m.addRecord(Record.newRecord(qname, Type.A, DClass.IN), Section.QUESTION);
        answer.forEach(r -> m.addRecord(r, Section.ANSWER));
        authority.forEach(r -> m.addRecord(r, Section.AUTHORITY));
        additional.forEach(r -> m.addRecord(r, Section.ADDITIONAL));
        byte[] wire = m.toWire();
        int questionEnd = 12 + qname.length() + 4;
        return new Template(Arrays.copyOfRange(wire, questionEnd, wire.length), answer.size(), authority.size(),
                additional.size(), rcode, true);
    }

    /**
     * For every question a wildcard covers: the first {@code ownedByQuestion} answer records (those
     * synthesized from the wildcard, RFC 4592 3.3.1) get the question name as owner, written as a
     * pointer to offset 12; every other name is written in full, since the question's length, and
     * so the offset of anything after it, differs from one asked name to the next.
     */
    static Template forAnyName(int ownedByQuestion, List<Record> answer, List<Record> authority,
            List<Record> additional, int rcode) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < answer.size(); i++) {
            Record r = answer.get(i);
            byte[] wire = r.toWire(Section.ANSWER);
            if (i < ownedByQuestion) {
                out.writeBytes(POINTER_TO_QUESTION);
                out.write(wire, r.getName().length(), wire.length - r.getName().length());
            } else {
                out.writeBytes(wire);
            }
        }
        authority.forEach(r -> out.writeBytes(r.toWire(Section.AUTHORITY)));
        additional.forEach(r -> out.writeBytes(r.toWire(Section.ADDITIONAL)));
        return new Template(out.toByteArray(), answer.size(), authority.size(), additional.size(), rcode, true);
    }

    /** Without name compression, so that one template serves every name (referrals, NXDOMAIN). */
    static Template uncompressed(List<Record> authority, List<Record> additional, int rcode, boolean authoritative) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        authority.forEach(r -> out.writeBytes(r.toWire(Section.AUTHORITY)));
        additional.forEach(r -> out.writeBytes(r.toWire(Section.ADDITIONAL)));
        return new Template(out.toByteArray(), 0, authority.size(), additional.size(), rcode, authoritative);
    }
}
