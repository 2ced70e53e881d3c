package dev.geodns.server.engine;

import dev.geodns.server.dns.Template;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The CHAOS-class TXT names operators use to ask a server who it is: {@code version.server},
 * {@code id.server} (RFC 4892) and their BIND-era spellings {@code version.bind},
 * {@code hostname.bind}. Built once; immutable; looked up without allocating.
 */
final class ChaosAnswers {
    private final NameTable<Template> byName = new NameTable<>(4);

    ChaosAnswers(String id, String version) {
        put("version.server.", version);
        put("version.bind.", version);
        put("id.server.", id);
        put("hostname.bind.", id);
    }

    private void put(String name, String text) {
        Name owner = Name.fromConstantString(name);
        Message m = new Message();
        m.addRecord(Record.newRecord(owner, Type.TXT, DClass.CH), Section.QUESTION);
        m.addRecord(new TXTRecord(owner, DClass.CH, 0, text), Section.ANSWER);
        byte[] wire = m.toWire();
        int questionEnd = 12 + owner.length() + 4;
        byte[] body = java.util.Arrays.copyOfRange(wire, questionEnd, wire.length);
        byName.put(owner.toWireCanonical(), new Template(body, 1, 0, 0, Rcode.NOERROR, true));
    }

    /**
     * The answer for a CH TXT (or ANY) query of the lower-cased wire name {@code name[0, length)},
     * or null (REFUSED).
     */
    Template answer(byte[] name, int length, int qtype) {
        if (qtype != Type.TXT && qtype != Type.ANY) {
            return null;
        }
        return byName.get(name, 0, length);
    }
}
