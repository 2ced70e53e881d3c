package dev.geodns.server.frontdoor;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Bounds memory under a flood of connections: beyond the cap over all front doors a new connection
 * is closed at once and counted. Keeps the open-connections gauge. One per connection.
 */
final class ConnectionCap extends ChannelInboundHandlerAdapter {
    private final FrontDoorMetrics metrics;
    private final int max;
    private boolean counted;

    ConnectionCap(FrontDoorMetrics metrics, int max) {
        this.metrics = metrics;
        this.max = max;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (metrics.openConnections() >= max) {
            metrics.rejected(FrontDoorMetrics.Rejection.CONNECTION_CAP);
            ctx.close();
            return;
        }
        metrics.opened();
        counted = true;
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (counted) {
            counted = false;
            metrics.closed();
        }
        ctx.fireChannelInactive();
    }
}
