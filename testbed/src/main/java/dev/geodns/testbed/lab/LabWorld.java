package dev.geodns.testbed.lab;

import dev.geodns.config.model.LabNetwork;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.World;
import java.util.ArrayList;
import java.util.List;

/**
 * The world the lab serves: the scenario's world with the lab's own addresses added as lab networks
 * (so the emulator and the front doors locate clients, resolvers and offices where the scenario puts
 * them) and IPv6 site answers dropped (the lab routes IPv4 only, so clients never try an address
 * nothing answers).
 */
public final class LabWorld {
    private LabWorld() {
    }

    public static World of(World world, List<LabNetwork> labNetworks) {
        List<LabNetwork> networks = new ArrayList<>(labNetworks);
        networks.addAll(world.networks());
        List<Site> sites = new ArrayList<>();
        for (Site s : world.sites()) {
            sites.add(new Site(s.id(), s.kind(), s.code(), s.place(), s.cloud(), s.basis(), s.ipv4(), List.of()));
        }
        return new World(world.name(), world.source(), world.server(), world.clouds(), sites, world.services(),
                world.tenants(), networks, world.geoip(), world.answers(), world.zones(), world.lines());
    }
}
