package dev.geodns.config.model;

/**
 * Where sites without explicit addresses get theirs: site number {@code i} (in file order) answers
 * from the {@code i}-th /24 of {@code ipv4Pool} and the {@code i}-th /64 of {@code ipv6Pool},
 * {@code perSite} addresses each (.1, .2, ...).
 */
public record AnswerAddresses(Cidr ipv4Pool, Cidr ipv6Pool, int perSite) {
    public static final AnswerAddresses DEFAULT =
            new AnswerAddresses(Cidr.parse("198.18.0.0/15"), Cidr.parse("2001:db8:ff00::/40"), 4);
}
