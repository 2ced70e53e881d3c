package dev.geodns.server.engine;

import dev.geodns.server.dns.Template;
import org.xbill.DNS.Rcode;

/** The answers that carry no records, only an rcode (AA clear): errors and refusals. */
final class HeaderOnly {
    static final Template REFUSED = Template.empty(Rcode.REFUSED, false);
    static final Template FORMERR = Template.empty(Rcode.FORMERR, false);
    static final Template NOTIMP = Template.empty(Rcode.NOTIMP, false);
    static final Template BADVERS = Template.empty(Rcode.BADVERS, false);
    static final Template SERVFAIL = Template.empty(Rcode.SERVFAIL, false);

    private HeaderOnly() {
    }
}
