package dev.geodns.testbed.lab;

import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.World;
import java.lang.reflect.RecordComponent;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which sites a split-tunnel client reaches through the office. A split tunnel sends the endpoints
 * of Microsoft's Optimize category direct and the rest through the VPN; the lab routes by address,
 * so a site goes direct when one of the services it answers for is in the Optimize category. A world
 * whose services carry no category (the testbed's model of a split tunnel: only DNS goes through the
 * VPN) sends every site direct.
 */
final class SplitTunnel {
    /** The category a split tunnel sends direct. */
    static final String OPTIMIZE = "optimize";

    private SplitTunnel() {
    }

    /** The site networks (of {@code siteNetworks}) a split-tunnel client routes into the tunnel. */
    static List<String> throughOffice(World world, List<String> siteNetworks) {
        if (world.services().stream().noneMatch(s -> category(s) != null)) {
            return List.of();
        }
        Set<String> direct = new LinkedHashSet<>();
        for (Site site : world.sites()) {
            boolean optimize = world.services().stream()
                    .filter(s -> serves(s, site))
                    .anyMatch(s -> OPTIMIZE.equalsIgnoreCase(category(s)));
            if (optimize) {
                for (Inet4Address a : site.ipv4()) {
                    direct.add(Cidr.of(a, 24).toString());
                }
            }
        }
        List<String> through = new ArrayList<>(siteNetworks);
        through.removeAll(direct);
        return through;
    }

    private static boolean serves(Service s, Site site) {
        if (s.fixedSite() != null) {
            return s.fixedSite().equals(site.id());
        }
        return s.cloud().equals(site.cloud()) && s.siteKind() == site.kind();
    }

    /**
     * The service's category ({@code optimize}, {@code allow}, {@code default}) when the world model
     * has one, else null. Read by record component so the lab follows the model as soon as it gains
     * the field.
     */
    static String category(Service s) {
        for (RecordComponent c : Service.class.getRecordComponents()) {
            if (c.getName().equals("category")) {
                try {
                    Object v = c.getAccessor().invoke(s);
                    return v == null ? null : v.toString().toLowerCase(Locale.ROOT);
                } catch (ReflectiveOperationException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
