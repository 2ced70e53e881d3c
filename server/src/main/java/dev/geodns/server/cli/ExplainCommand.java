package dev.geodns.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.geodns.config.ConfigError;
import dev.geodns.config.WorldException;
import dev.geodns.config.model.Cidr;
import dev.geodns.server.WorldState;
import dev.geodns.server.engine.Explainer;
import dev.geodns.server.geo.ClientSubnet;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.xbill.DNS.Type;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code explain NAME --source IP [--ecs CIDR]}: shows the decision the server would take, and why. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show how the server would answer NAME asked from --source (and --ecs): located place, "
                + "candidates, drained sites, chosen site, the CNAME chain and records, the ECS scope.")
final class ExplainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--source", required = true, paramLabel = "IP", description = "the asking resolver's address")
    String source;

    @Option(names = "--ecs", paramLabel = "CIDR", description = "EDNS Client Subnet the resolver sends")
    String ecs;

    @Option(names = "--type", paramLabel = "TYPE", description = "query type (default A)")
    String type = "A";

    @Option(names = "--json", description = "print JSON instead of a readable trace")
    boolean json;

    @Mixin
    WorldOptions worldOptions = new WorldOptions();

    @Override
    public Integer call() throws Exception {
        byte[] src = Cidr.parseLiteral(source);
        if (src == null) {
            System.err.println("error: --source '" + source + "' is not an IP address");
            return 2;
        }
        int qtype = Type.value(type.toUpperCase(java.util.Locale.ROOT));
        if (qtype < 0) {
            System.err.println("error: unknown type '" + type + "'");
            return 2;
        }
        ClientSubnet subnet = null;
        if (ecs != null) {
            try {
                subnet = toClientSubnet(Cidr.parse(ecs));
            } catch (IllegalArgumentException e) {
                System.err.println("error: --ecs: " + e.getMessage());
                return 2;
            }
        }
        WorldState state;
        try {
            state = WorldState.load(worldOptions.loadWorld(), worldOptions.loadZones());
        } catch (WorldException e) {
            e.errors().stream().map(ConfigError::toString).forEach(System.err::println);
            return 1;
        }
        Map<String, Object> result = new Explainer(state::current)
                .explain(name, qtype, InetAddress.getByAddress(src), subnet);
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        } else {
            print(result, "");
        }
        return 0;
    }

    static ClientSubnet toClientSubnet(Cidr cidr) {
        return new ClientSubnet(cidr.isIpv4() ? ClientSubnet.FAMILY_IPV4 : ClientSubnet.FAMILY_IPV6,
                cidr.prefixLength(), 0, cidr.networkBytes());
    }

    @SuppressWarnings("unchecked")
    static void print(Object value, String indent) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object v = e.getValue();
                if (v instanceof Map<?, ?> || (v instanceof List<?> l && !l.isEmpty())) {
                    System.out.println(indent + e.getKey() + ":");
                    print(v, indent + "  ");
                } else {
                    System.out.println(indent + e.getKey() + ": " + (v instanceof List<?> ? "(none)" : v));
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?>) {
                    System.out.println(indent + "-");
                    print(o, indent + "  ");
                } else {
                    System.out.println(indent + "- " + o);
                }
            }
        } else {
            System.out.println(indent + value);
        }
    }
}
