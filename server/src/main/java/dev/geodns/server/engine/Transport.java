package dev.geodns.server.engine;

/** How a query arrived. */
public enum Transport {
    UDP,
    TCP
}
