package dev.geodns.server.transport;

import dev.geodns.config.model.Cidr;
import dev.geodns.server.engine.Transport;
import dev.geodns.server.proxy.ProxyListener;
import dev.geodns.server.proxy.ProxyRejection;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Takes a trusted proxy's decoded PROXY header and tells the connection's {@link TcpQueryHandler}
 * whom its queries are from; counts and closes a connection whose header does not decode. A LOCAL
 * header (the proxy's own health check), or one without addresses, leaves the queries the proxy's.
 */
final class ProxyMessageHandler extends ChannelInboundHandlerAdapter {
    private final TcpQueryHandler queries;
    private final ProxyListener listener;

    ProxyMessageHandler(TcpQueryHandler queries, ProxyListener listener) {
        this.queries = queries;
        this.listener = listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage header)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            HAProxyProxiedProtocol p = header.proxiedProtocol();
            if (header.command() == HAProxyCommand.PROXY
                    && (p.addressFamily() == HAProxyProxiedProtocol.AddressFamily.AF_IPv4
                    || p.addressFamily() == HAProxyProxiedProtocol.AddressFamily.AF_IPv6)) {
                InetAddress source = InetAddress.getByAddress(Cidr.parseLiteral(header.sourceAddress()));
                queries.proxied(new InetSocketAddress(source, header.sourcePort()),
                        (InetSocketAddress) ctx.channel().remoteAddress());
            }
            ctx.pipeline().remove(this);
        } catch (UnknownHostException | RuntimeException e) {
            listener.rejected(Transport.TCP, ProxyRejection.MALFORMED);
            ctx.close();
        } finally {
            header.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (isProxyError(cause)) {
            listener.rejected(Transport.TCP, ProxyRejection.MALFORMED);
            ctx.close();
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }

    private static boolean isProxyError(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HAProxyProtocolException) {
                return true;
            }
        }
        return false;
    }
}
