package dev.geodns.testbed.scenario;

import dev.geodns.config.yaml.Fields;
import java.net.InetAddress;

/**
 * What a client and a resolver share, as bound by {@link EndpointBinder}: an id, a place and the
 * address it asks from. Fields are null where the file was wrong (already reported).
 *
 * @param at the YAML map of the client or resolver, for the rest of its keys
 */
record Endpoint(Fields at, String id, BoundPlace place, InetAddress address) {

    Where where() {
        return place == null ? null : place.where();
    }
}
