package dev.geodns.testbed.lab;

import dev.geodns.config.WorldCompiler;
import dev.geodns.config.WorldException;
import dev.geodns.config.compiled.CompiledService;
import dev.geodns.config.compiled.CompiledWorld;
import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.World;
import dev.geodns.testbed.scenario.ResolverSpec;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which sites a split-tunnel client reaches through the office. The lab routes by address, so a site
 * goes direct when a service it answers for is in a category the VPN sends direct
 * ({@link ResolverSpec#throughOffice}, the same rule the modelled paths follow: Optimize by default),
 * and through the office otherwise.
 */
final class SplitTunnel {
    private SplitTunnel() {
    }

    /** The site networks (of {@code siteNetworks}) that {@code vpn}'s split tunnel routes into the tunnel. */
    static List<String> throughOffice(World world, ResolverSpec vpn, List<String> siteNetworks) {
        CompiledWorld compiled;
        try {
            compiled = WorldCompiler.compile(world);
        } catch (WorldException e) {
            throw new IllegalStateException("a loaded world compiles: " + e.getMessage(), e);
        }
        Set<String> direct = new LinkedHashSet<>();
        for (CompiledService s : compiled.services()) {
            if (vpn.throughOffice(s.service().category())) {
                continue;
            }
            for (Site site : s.candidateSites()) {
                for (Inet4Address a : site.ipv4()) {
                    direct.add(Cidr.of(a, 24).toString());
                }
            }
        }
        List<String> through = new ArrayList<>(siteNetworks);
        through.removeAll(direct);
        return through;
    }
}
