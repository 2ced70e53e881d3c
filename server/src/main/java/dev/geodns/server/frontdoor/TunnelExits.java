package dev.geodns.server.frontdoor;

import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.Place;
import java.net.InetAddress;
import java.util.Map;

/**
 * The source addresses that are VPN tunnel exits, and where the client behind each one stands: a
 * request from such an address entered the provider at the tunnel's office (where the locator places
 * the address) but began at the client, so its path gains the tunnel leg. Built once from
 * {@link FrontDoorOptions#tunnels()}; immutable, thread-safe.
 */
final class TunnelExits {
    static final TunnelExits NONE = new TunnelExits(Map.of());

    private final Cidr[] networks;
    private final Place[] clients;

    TunnelExits(Map<Cidr, Place> tunnels) {
        networks = new Cidr[tunnels.size()];
        clients = new Place[tunnels.size()];
        int i = 0;
        for (Map.Entry<Cidr, Place> e : tunnels.entrySet()) {
            networks[i] = e.getKey();
            clients[i++] = e.getValue();
        }
    }

    /** The place of the client behind the tunnel that {@code source} is the exit of, or null (not a tunnel). */
    Place clientBehind(InetAddress source) {
        // Most specific network first, so a /32 inside a wider tunnel pool names its own client.
        Place found = null;
        int best = -1;
        for (int i = 0; i < networks.length; i++) {
            if (networks[i].prefixLength() > best && networks[i].contains(source)) {
                found = clients[i];
                best = networks[i].prefixLength();
            }
        }
        return found;
    }
}
