package dev.geodns.server.transport;

import java.time.Duration;

/**
 * TCP limits (RFC 7766 6.2): how long an idle connection stays open and how many may be open at once.
 */
public record TcpSettings(Duration idleTimeout, int maxConnections) {
    public static final TcpSettings DEFAULT = new TcpSettings(Duration.ofSeconds(10), 1000);
}
