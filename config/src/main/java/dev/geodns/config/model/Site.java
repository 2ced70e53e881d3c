package dev.geodns.config.model;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.List;

/**
 * A datacenter or front door. Its addresses are final: the loader fills them from the world's
 * answer-address pools when the file gives none.
 *
 * @param code the label used in regional names ({@code {site}} in patterns), e.g. {@code FRA}
 */
public record Site(
        String id,
        SiteKind kind,
        String code,
        Place place,
        String cloud,
        Basis basis,
        List<Inet4Address> ipv4,
        List<Inet6Address> ipv6) {
    public Site {
        ipv4 = List.copyOf(ipv4);
        ipv6 = List.copyOf(ipv6);
    }
}
