package dev.geodns.server.cli;

import dev.geodns.config.model.Cidr;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine;

/**
 * Parses {@code ADDR:PORT} and {@code [V6ADDR]:PORT} (literal addresses only, never a DNS lookup);
 * the picocli converter of every address option, the server's and the testbed's.
 */
public final class HostPort implements CommandLine.ITypeConverter<InetSocketAddress> {
    @Override
    public InetSocketAddress convert(String value) {
        return parse(value);
    }

    public static InetSocketAddress parse(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not ADDR:PORT");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        byte[] bytes = Cidr.parseLiteral(host);
        if (bytes == null) {
            throw new CommandLine.TypeConversionException("'" + host + "' is not an IP address");
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' has no valid port");
        }
        if (port < 0 || port > 65535) {
            throw new CommandLine.TypeConversionException("port " + port + " out of range");
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
        } catch (UnknownHostException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    public static String format(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
