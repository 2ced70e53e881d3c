package dev.geodns.server.engine;

import org.xbill.DNS.Name;

/**
 * The CNAME of a service's geo step: its target depends on the chosen site.
 *
 * @param targets the regional name per site index; null for sites that are not candidates
 */
record GeoStep(Binding binding, long ttl, Name[] targets) {
}
