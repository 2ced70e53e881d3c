package dev.geodns.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.geodns.config.ConfigError;
import dev.geodns.config.WorldException;
import dev.geodns.config.model.Cidr;
import dev.geodns.server.WorldState;
import dev.geodns.server.admin.AdminAuth;
import dev.geodns.server.engine.Explainer;
import dev.geodns.server.geo.ClientSubnet;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
                + "candidates, drained sites, chosen site, the CNAME chain and records, the ECS scope. "
                + "With --server, asks a running server (its live world and drains) instead of loading a world.")
final class ExplainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--source", required = true, paramLabel = "IP", description = "the asking resolver's address")
    String source;

    @Option(names = "--ecs", paramLabel = "CIDR", description = "EDNS Client Subnet the resolver sends")
    String ecs;

    @Option(names = "--type", paramLabel = "TYPE", description = "query type (default A)")
    String type = "A";

    @Option(names = "--json", description = "print JSON instead of a readable trace (always every candidate)")
    boolean json;

    @Option(names = "--top", paramLabel = "N", defaultValue = "5",
            description = "show the N most preferred candidate sites, and any up to the chosen one (default"
                    + " ${DEFAULT-VALUE}; 0 shows all)")
    int top;

    @Option(names = "--server", paramLabel = "URL",
            description = "ask a running server's admin API (e.g. http://127.0.0.1:9153) instead of loading a world")
    String server;

    @Option(names = "--admin-token-file", paramLabel = "FILE",
            description = "with --server: file holding the admin API's bearer token (else GEODNS_ADMIN_TOKEN)")
    Path adminTokenFile;

    @Mixin
    WorldOptions worldOptions = new WorldOptions();

    @Override
    public Integer call() throws Exception {
        if (top < 0) {
            System.err.println("error: --top " + top + " is negative (0 shows all)");
            return 2;
        }
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
        if (server != null) {
            return explainRemote(qtype);
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
            print(CandidateLimit.apply(result, top), "");
        }
        return 0;
    }

    /** Asks {@code GET /explain} of a running server: the same trace, from the world it serves now. */
    @SuppressWarnings("unchecked")
    private int explainRemote(int qtype) throws IOException, InterruptedException {
        String base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        StringBuilder uri = new StringBuilder(base).append("/explain?name=").append(encode(name))
                .append("&type=").append(encode(Type.string(qtype))).append("&source=").append(encode(source));
        if (ecs != null) {
            uri.append("&ecs=").append(encode(ecs));
        }
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(Duration.ofSeconds(30)).GET();
        } catch (IllegalArgumentException e) {
            System.err.println("error: --server '" + server + "' is not a URL: " + e.getMessage());
            return 2;
        }
        String token;
        try {
            token = AdminAuth.loadToken(adminTokenFile, System.getenv());
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            System.err.println("error: cannot reach " + base + ": " + e);
            return 1;
        }
        ObjectMapper mapper = new ObjectMapper();
        Object body;
        try {
            body = mapper.readValue(response.body(), Object.class);
        } catch (IOException e) {
            System.err.println("error: " + base + " answered " + response.statusCode() + " without JSON");
            return 1;
        }
        if (response.statusCode() != 200) {
            Object message = body instanceof Map<?, ?> m ? m.get("error") : body;
            System.err.println("error: " + base + " answered " + response.statusCode() + ": " + message);
            return 1;
        }
        if (json) {
            System.out.println(mapper.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(body));
        } else {
            print(body instanceof Map<?, ?> m ? CandidateLimit.apply((Map<String, Object>) m, top) : body, "");
        }
        return 0;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
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
