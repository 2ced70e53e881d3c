package dev.geodns.server.endpoints;

import dev.geodns.config.model.EndpointCategory;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A proxy auto-configuration file built from an {@link EndpointList}, the way Microsoft's PAC
 * generator builds one from the endpoint web service: the URLs of the direct categories (Optimize by
 * default) go {@code DIRECT}, everything else to the proxy.
 */
public final class PacFile {
    /** The proxy when none is given. */
    public static final String DEFAULT_PROXY = "127.0.0.1:8080";
    /** The categories sent direct when none are given: Optimize, as the generator's first type. */
    public static final Set<EndpointCategory> DEFAULT_DIRECT = Set.of(EndpointCategory.OPTIMIZE);

    private static final Pattern PROXY = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+:[0-9]{1,5}");

    private PacFile() {
    }

    /** Whether {@code proxy} is a {@code HOST:PORT} fit to be written into the file. */
    public static boolean validProxy(String proxy) {
        return proxy != null && PROXY.matcher(proxy).matches();
    }

    /**
     * The PAC file's text.
     *
     * @param proxy {@code HOST:PORT}
     * @throws IllegalArgumentException for a proxy that is not {@code HOST:PORT}
     */
    public static String of(EndpointList list, String worldName, String proxy, Set<EndpointCategory> direct) {
        if (!validProxy(proxy)) {
            throw new IllegalArgumentException("proxy '" + proxy + "' is not HOST:PORT");
        }
        Set<String> hosts = new LinkedHashSet<>();
        for (EndpointList.EndpointSet s : list.sets()) {
            if (direct.contains(s.category())) {
                s.urls().forEach(u -> hosts.add(u.toLowerCase(java.util.Locale.ROOT)));
            }
        }
        StringBuilder b = new StringBuilder();
        b.append("// PAC file for the GeoDNS Emulator lab world '").append(worldName.replace("\n", " "))
                .append("': endpoints of the categories ").append(String.join(", ",
                        direct.stream().map(EndpointCategory::label).sorted().toList()))
                .append(" go DIRECT, everything else to the proxy.\n");
        b.append("function FindProxyForURL(url, host)\n{\n");
        b.append("    var direct = \"DIRECT\";\n");
        b.append("    var proxyServer = \"PROXY ").append(proxy).append("\";\n\n");
        b.append("    host = host.toLowerCase();\n\n");
        if (!hosts.isEmpty()) {
            b.append("    if(");
            boolean first = true;
            for (String h : hosts) {
                if (!first) {
                    b.append("\n        || ");
                }
                b.append("shExpMatch(host, \"").append(h).append("\")");
                first = false;
            }
            b.append(")\n    {\n        return direct;\n    }\n\n");
        }
        b.append("    return proxyServer;\n}\n");
        return b.toString();
    }
}
