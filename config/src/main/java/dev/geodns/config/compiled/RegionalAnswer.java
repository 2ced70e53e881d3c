package dev.geodns.config.compiled;

import org.xbill.DNS.Name;

/**
 * A regional name of a service (its pattern filled with a candidate site's code): it answers
 * statically with the addresses of that site.
 *
 * @param site the site's index in {@link CompiledWorld#sites()}
 */
public record RegionalAnswer(Name name, int site, long ttl) {
}
