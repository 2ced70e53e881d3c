package dev.geodns.config;

import dev.geodns.config.model.AnswerAddresses;
import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.LabNetwork;
import dev.geodns.config.model.NameServerSpec;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.World;
import dev.geodns.config.model.ZoneSpec;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Record;

/**
 * Rewrites a world so that every site answers from, and its front door can listen on, addresses of
 * its own in 127.0.0.0/8: nothing the emulator answers for a site then routes off the machine, and
 * no root is needed to bind them (Linux delivers the whole /8 to the loopback interface).
 *
 * <p>Site number {@code i} (0-based, file order) answers from the {@code i}-th /24 of
 * {@link #POOL} (127.64.0.0/10, room for 16384 sites): addresses {@code .1} to {@code .n}, where
 * {@code n} is the number of IPv4 answers the site had (its {@code per_site} pool share, or its
 * explicit list), at least 1. The pool lies clear of the built-in lab plan's client places
 * (127.0.N.0/24) and of 127.0.0.1. IPv6 answers are dropped: {@code ::1} is the only IPv6 loopback
 * address, and giving every site one of its own would need addresses added to the interface (root),
 * so AAAA queries for site names get an empty answer (NOERROR, no data) and clients use IPv4.
 */
public final class LoopbackAnswerPlan {
    /** Where the sites' loopback answers come from: one /24 per site. */
    public static final Cidr POOL = Cidr.parse("127.64.0.0/10");

    private static final Cidr LOOPBACK_V4 = Cidr.parse("127.0.0.0/8");

    private LoopbackAnswerPlan() {
    }

    /**
     * The world with every site's answers on loopback.
     *
     * @throws IllegalArgumentException when the world has more sites than the pool has /24s, or a
     *     lab network of the world overlaps a site's /24 (it would locate front-door addresses as
     *     clients)
     */
    public static World apply(World world) {
        long room = 1L << (24 - POOL.prefixLength());
        if (world.sites().size() > room) {
            throw new IllegalArgumentException("the loopback answer plan " + POOL + " has room for " + room
                    + " sites; the world has " + world.sites().size());
        }
        List<Site> sites = new ArrayList<>(world.sites().size());
        for (int i = 0; i < world.sites().size(); i++) {
            Site s = world.sites().get(i);
            Cidr slot = siteNetwork(i);
            for (LabNetwork n : world.networks()) {
                if (n.cidr().covers(slot) || slot.covers(n.cidr())) {
                    throw new IllegalArgumentException("lab network " + n.cidr() + " overlaps " + slot
                            + ", the loopback answers of site '" + s.id() + "'");
                }
            }
            int count = s.ipv4().isEmpty() ? world.answers().perSite() : s.ipv4().size();
            count = Math.max(1, Math.min(254, count));
            List<Inet4Address> v4 = new ArrayList<>(count);
            for (int k = 1; k <= count; k++) {
                v4.add((Inet4Address) slot.addressAt(k));
            }
            sites.add(new Site(s.id(), s.kind(), s.code(), s.place(), s.cloud(), s.basis(), v4, List.of()));
        }
        AnswerAddresses answers = new AnswerAddresses(POOL, world.answers().ipv6Pool(), world.answers().perSite());
        return new World(world.name(), world.source(), world.server(), world.clouds(), sites, world.services(),
                world.tenants(), world.networks(), world.geoip(), answers, world.zones());
    }

    /** The /24 of site number {@code index}. */
    public static Cidr siteNetwork(int index) {
        return Cidr.of(POOL.addressAt(index * 256L), 24);
    }

    /** True for 127.0.0.0/8 and ::1. */
    public static boolean isLoopback(InetAddress address) {
        return address instanceof Inet4Address ? LOOPBACK_V4.contains(address) : address.isLoopbackAddress();
    }

    /**
     * What the plan leaves off loopback: static A/AAAA records of the world's zone files and glue
     * addresses of its name servers that are not loopback addresses, one line each; {@code extraZones}
     * are the zone files served beside the world. The plan moves site answers only; these are served
     * as written, so a caller on a single host should warn.
     */
    public static List<String> offLoopback(World world, List<ZoneSpec> extraZones) {
        List<String> out = new ArrayList<>();
        for (NameServerSpec ns : world.server().nameservers()) {
            for (InetAddress a : ns.addresses()) {
                if (!isLoopback(a)) {
                    out.add("name server " + ns.name() + " glue " + a.getHostAddress());
                }
            }
        }
        List<ZoneSpec> zones = new ArrayList<>(world.zones());
        zones.addAll(extraZones);
        for (ZoneSpec z : zones) {
            for (Record r : z.records()) {
                InetAddress a = r instanceof ARecord ar ? ar.getAddress()
                        : r instanceof AAAARecord aaaa ? aaaa.getAddress() : null;
                if (a != null && !isLoopback(a)) {
                    out.add("zone " + z.origin() + ": " + r);
                }
            }
        }
        return out;
    }
}
