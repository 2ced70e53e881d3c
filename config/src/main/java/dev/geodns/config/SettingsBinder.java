package dev.geodns.config;

import dev.geodns.config.model.AnswerAddresses;
import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.GeoIpSettings;
import dev.geodns.config.model.NameServerSpec;
import dev.geodns.config.model.ServerIdentity;
import dev.geodns.config.model.SoaSettings;
import dev.geodns.config.yaml.Fields;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Binds the {@code server}, {@code answers} and {@code geoip} sections, each optional with defaults. */
final class SettingsBinder {
    /** Largest TTL a resolver must accept (RFC 2181 section 8). */
    static final long TTL_MAX = 2147483647L;
    static final String DEFAULT_ID = "geodns-emulator";
    static final String DEFAULT_VERSION = "GeoDNS Emulator";
    static final long DEFAULT_NS_TTL = 86400;
    static final AnswerAddresses DEFAULT_ANSWERS = AnswerAddresses.DEFAULT;

    private SettingsBinder() {
    }

    /** The {@code server} section, or the defaults when {@code f} is null. */
    static ServerIdentity server(Fields f) {
        List<NameServerSpec> defaultServers = List.of(new NameServerSpec(
                Name.fromConstantString("ns1.geodns.example."),
                List.of(literal("127.0.0.1"), literal("::1"))));
        if (f == null) {
            return new ServerIdentity(DEFAULT_ID, DEFAULT_VERSION, defaultServers, DEFAULT_NS_TTL, SoaSettings.DEFAULT);
        }
        f.allow("id", "version", "ns_ttl", "nameservers", "soa", "whoami");
        String id = f.optString("id", DEFAULT_ID);
        String version = f.optString("version", DEFAULT_VERSION);
        Long nsTtl = f.optWhole("ns_ttl", 0, TTL_MAX, DEFAULT_NS_TTL);
        List<NameServerSpec> servers = f.has("nameservers") ? nameservers(f) : defaultServers;
        SoaSettings soa = f.has("soa") ? soa(f.map("soa")) : SoaSettings.DEFAULT;
        String whoami = whoami(f);
        if (nsTtl == null || soa == null) {
            return null;
        }
        return new ServerIdentity(id, version, servers, nsTtl, soa, whoami);
    }

    /** The whoami name: the default when absent, none when {@code null}; it needs a parent to be its zone. */
    private static String whoami(Fields f) {
        if (!f.has("whoami")) {
            return ServerIdentity.DEFAULT_WHOAMI;
        }
        String text = f.optString("whoami", null);
        if (text == null) {
            return null;
        }
        Name name = name(f, "whoami");
        if (name != null && name.labels() < 3) {
            f.error("whoami", "'" + text + "' needs at least two labels: its parent becomes the whoami zone");
            return null;
        }
        return name == null ? null : text;
    }

    private static List<NameServerSpec> nameservers(Fields f) {
        List<Fields> items = f.maps("nameservers", false);
        if (items.isEmpty() && f.isListOrAbsent("nameservers")) {
            f.error("nameservers", "needs at least one name server (the first is the SOA MNAME)");
        }
        List<NameServerSpec> out = new ArrayList<>();
        for (Fields ns : items) {
            if (ns == null) {
                continue;
            }
            ns.allow("name", "addresses");
            Name name = name(ns, "name");
            List<InetAddress> addresses = new ArrayList<>();
            List<String> texts = ns.strings("addresses", false);
            for (int i = 0; i < texts.size(); i++) {
                String t = texts.get(i);
                if (t == null) {
                    continue;
                }
                byte[] raw = Cidr.parseLiteral(t);
                if (raw == null) {
                    ns.error("addresses", i, "'" + t + "' is not an IPv4 or IPv6 address");
                } else {
                    addresses.add(address(raw));
                }
            }
            if (name != null) {
                out.add(new NameServerSpec(name, addresses));
            }
        }
        return out;
    }

    private static SoaSettings soa(Fields f) {
        if (f == null) {
            return null;
        }
        f.allow("rname", "serial", "refresh", "retry", "expire", "minimum", "ttl");
        SoaSettings d = SoaSettings.DEFAULT;
        Name rname = f.has("rname") ? name(f, "rname") : d.rname();
        Long serial = f.optWhole("serial", 0, 4294967295L, d.serial());
        Long refresh = f.optWhole("refresh", 0, TTL_MAX, d.refresh());
        Long retry = f.optWhole("retry", 0, TTL_MAX, d.retry());
        Long expire = f.optWhole("expire", 0, TTL_MAX, d.expire());
        Long minimum = f.optWhole("minimum", 0, TTL_MAX, d.minimum());
        Long ttl = f.optWhole("ttl", 0, TTL_MAX, d.ttl());
        if (rname == null || serial == null || refresh == null || retry == null || expire == null
                || minimum == null || ttl == null) {
            return null;
        }
        return new SoaSettings(rname, serial, refresh, retry, expire, minimum, ttl);
    }

    /** The {@code answers} section, or the defaults when {@code f} is null. */
    static AnswerAddresses answers(Fields f) {
        if (f == null) {
            return DEFAULT_ANSWERS;
        }
        f.allow("ipv4_pool", "ipv6_pool", "per_site");
        Cidr v4 = f.has("ipv4_pool") ? pool(f, "ipv4_pool", true) : DEFAULT_ANSWERS.ipv4Pool();
        Cidr v6 = f.has("ipv6_pool") ? pool(f, "ipv6_pool", false) : DEFAULT_ANSWERS.ipv6Pool();
        Long perSite = f.optWhole("per_site", 1, 254, DEFAULT_ANSWERS.perSite());
        if (v4 == null || v6 == null || perSite == null) {
            return null;
        }
        return new AnswerAddresses(v4, v6, perSite.intValue());
    }

    private static Cidr pool(Fields f, String key, boolean v4) {
        Cidr c = cidr(f, key);
        if (c == null) {
            return null;
        }
        int maxPrefix = v4 ? 24 : 64;
        if (c.isIpv4() != v4) {
            f.error(key, c + " is not an " + (v4 ? "IPv4" : "IPv6") + " network");
            return null;
        }
        if (c.prefixLength() > maxPrefix) {
            f.error(key, c + " is too small: each site takes a /" + maxPrefix + ", so the pool must be /"
                    + maxPrefix + " or larger");
            return null;
        }
        return c;
    }

    /** The {@code geoip} section; database paths are resolved against {@code baseDir}. */
    static GeoIpSettings geoip(Fields f, Path baseDir) {
        if (f == null) {
            return GeoIpSettings.NONE;
        }
        f.allow("databases", "cache_size");
        List<Path> dbs = new ArrayList<>();
        List<String> texts = f.strings("databases", false);
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                continue;
            }
            Path p;
            try {
                p = WorldLoader.resolve(baseDir, texts.get(i));
            } catch (IllegalArgumentException e) {
                f.error("databases", i, e.getMessage());
                continue;
            }
            if (!Files.isRegularFile(p)) {
                f.error("databases", i, "GeoIP database " + p + " does not exist");
            }
            dbs.add(p);
        }
        Long cache = f.optWhole("cache_size", 0, Integer.MAX_VALUE, GeoIpSettings.NONE.cacheSize());
        return cache == null ? null : new GeoIpSettings(dbs, cache.intValue());
    }

    /** A CIDR value, reporting {@link Cidr#parse}'s reason when it is bad. */
    static Cidr cidr(Fields f, String key) {
        String text = f.string(key);
        if (text == null) {
            return null;
        }
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            f.error(key, e.getMessage());
            return null;
        }
    }

    /** An absolute domain name value (the trailing dot may be left out). */
    static Name name(Fields f, String key) {
        String text = f.string(key);
        if (text == null) {
            return null;
        }
        try {
            return DnsNames.absolute(text);
        } catch (TextParseException e) {
            f.error(key, "'" + text + "' is not a domain name: " + e.getMessage());
            return null;
        }
    }

    /** An address from already-validated literal bytes; never a DNS lookup. */
    static InetAddress address(byte[] raw) {
        try {
            return raw.length == 16 ? java.net.Inet6Address.getByAddress(null, raw, null) : InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress literal(String text) {
        return address(Cidr.parseLiteral(text));
    }
}
