package dev.geodns.server.geo;

import java.net.InetAddress;

/**
 * Turns an address into a {@link Location}; knows nothing of sites or routing.
 *
 * <p>Contract: implementations are thread-safe, never block on the network, and never throw for any
 * address: an address they cannot place (or a failing source) yields {@link Location#UNKNOWN}.
 */
public interface Locator {
    Location locate(InetAddress address);
}
