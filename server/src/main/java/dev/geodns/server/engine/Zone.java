package dev.geodns.server.engine;

import dev.geodns.server.dns.Template;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/** A zone the server is authoritative for, with the SOA its negative answers carry. */
final class Zone {
    final Name origin;
    final SOARecord soa;
    final List<Record> nameservers;
    /** RFC 2308 section 3: the SOA in a negative answer has TTL min(SOA TTL, SOA MINIMUM). */
    final SOARecord negativeSoa;
    /** NXDOMAIN with {@link #negativeSoa}, built with the snapshot; serves every missing name of the zone. */
    Template nxdomain;

    Zone(Name origin, SOARecord soa, List<Record> nameservers) {
        this.origin = origin;
        this.soa = soa;
        this.nameservers = List.copyOf(nameservers);
        long ttl = Math.min(soa.getTTL(), soa.getMinimum());
        this.negativeSoa = new SOARecord(soa.getName(), soa.getDClass(), ttl, soa.getHost(), soa.getAdmin(),
                soa.getSerial(), soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum());
    }
}
