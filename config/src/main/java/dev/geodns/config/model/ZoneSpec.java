package dev.geodns.config.model;

import java.nio.file.Path;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * A zone the server is authoritative for. {@code records} holds the static records of its zone
 * file (SOA and NS included when the file has them); empty for a zone of service names only, whose
 * SOA and NS are generated from {@link ServerIdentity}.
 *
 * @param file the zone file, or null
 */
public record ZoneSpec(Name origin, Path file, List<Record> records) {
    public ZoneSpec {
        records = List.copyOf(records);
    }
}
