package dev.geodns.bench;

import dev.geodns.config.WorldLoader;
import dev.geodns.config.compiled.CompiledWorld;
import dev.geodns.config.model.LabNetwork;
import dev.geodns.config.model.Place;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.Tenant;
import dev.geodns.config.model.World;
import dev.geodns.server.WorldState;
import dev.geodns.server.engine.ServingState;
import dev.geodns.server.geo.mmdb.MmdbWriter;
import dev.geodns.server.routing.Router;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes everything {@code bench/run-comparison.sh} needs to run gdnsd and Knot DNS on the same
 * names and regions as our server: the lab address plan of the built-in world as a GeoIP2-City
 * database, each peer's configuration and zones, and the dnsperf query files.
 *
 * <p>The peers' regional choices are not recomputed by their own distance math: for every lab
 * network this asks our {@link Router} which front door it picks and writes that choice as the
 * peer's city-level map entry, so all three servers agree by construction (the script checks it
 * with {@code dig} from every lab /24).
 *
 * <p>What the peers cannot do the same way (written down in bench/README.md): neither gdnsd 3.8
 * nor Knot 3.2's geoip module can put a geo decision in the middle of a CNAME chain (gdnsd refuses
 * a dynamic CNAME into its own zone and does not chain through a DYNC; Knot's module only answers
 * the query name and does not follow its CNAME). So on the peers {@code outlook.office365.com}
 * answers the chosen front door's 4 A records directly (gdnsd DYNA, Knot geo view): same
 * addresses, chain collapsed. The SharePoint chain is static and identical on all three.
 *
 * <p>Usage: {@code ComparisonSetup OUT_DIR GDNSD_PORT KNOT_PORT}.
 */
public final class ComparisonSetup {
    static final String SOA = "ns1.geodns.example. hostmaster.geodns.example. 1 3600 600 604800 60";
    static final String GEO_NAME = "outlook.office365.com";
    static final String STATIC_NAME_CODE = "LHR";

    private final World world;
    private final Router router;
    private final CompiledWorld compiled;
    private final Service exchange;
    private final Service sharepoint;
    private final List<Site> frontDoors;
    private final Site defaultFrontDoor;

    ComparisonSetup(World world) throws Exception {
        this.world = world;
        ServingState serving = WorldState.load(world, List.of()).current();
        this.router = serving.router();
        this.compiled = serving.snapshot().compiled();
        this.exchange = world.service("exchange").orElseThrow();
        this.sharepoint = world.service("sharepoint").orElseThrow();
        this.frontDoors = compiled.service(exchange).candidateSites();
        String defaultId = world.cloud(exchange.cloud()).orElseThrow().defaultSite();
        this.defaultFrontDoor = world.site(defaultId).orElseThrow();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ComparisonSetup OUT_DIR GDNSD_PORT KNOT_PORT");
            System.exit(2);
        }
        Path out = Path.of(args[0]).toAbsolutePath();
        ComparisonSetup setup = new ComparisonSetup(WorldLoader.builtIn());
        setup.writeAll(out, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    }

    void writeAll(Path out, int gdnsdPort, int knotPort) throws Exception {
        Files.createDirectories(out);
        Path mmdb = out.resolve("lab-city.mmdb");
        MmdbWriter writer = new MmdbWriter().buildTime(Instant.parse("2026-01-01T00:00:00Z"))
                .description("GeoDNS Emulator built-in lab plan (bench)");
        for (LabNetwork n : world.networks()) {
            writer.add(n.cidr(), n.place());
        }
        writer.write(mmdb);

        Map<String, Place> byCity = new TreeMap<>();
        Map<String, Site> choice = new TreeMap<>();
        StringBuilder expected = new StringBuilder("# source\tcity\tfront door\n");
        for (LabNetwork n : world.networks()) {
            if (!n.cidr().isIpv4()) {
                continue;
            }
            InetAddress source = n.cidr().addressAt(1);
            Site site = router.route(exchange, null, source, null).site();
            String key = cityKey(n.place());
            Site before = choice.putIfAbsent(key, site);
            if (before != null && before != site) {
                throw new IllegalStateException(key + " maps to both " + before.id() + " and " + site.id());
            }
            byCity.put(key, n.place());
            if (n.cidr().prefixLength() == 24 && source.getHostAddress().startsWith("127.")) {
                expected.append(source.getHostAddress()).append('\t').append(n.place().city()).append('\t')
                        .append(site.code()).append('\n');
            }
        }
        write(out.resolve("expected-front-doors.tsv"), expected.toString());

        writeGdnsd(out.resolve("gdnsd"), mmdb, gdnsdPort, byCity, choice);
        writeKnot(out.resolve("knot"), mmdb, knotPort, byCity, choice);
        writeQueries(out);
    }

    private static String cityKey(Place p) {
        return p.continent().name() + "/" + p.country() + "/" + p.city();
    }

    // --- zones shared by both peers --------------------------------------------------------------

    private static String zoneHead() {
        return "$TTL 86400\n@ SOA " + SOA + "\n@ NS ns1.geodns.example.\n@ NS ns2.geodns.example.\n";
    }

    private static String relative(String name, String origin) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (!n.endsWith("." + origin)) {
            throw new IllegalArgumentException(name + " is not below " + origin);
        }
        return n.substring(0, n.length() - origin.length() - 1);
    }

    private static String regionalName(Service service, Site site) {
        return service.regional().pattern().replace("{site}", site.code());
    }

    /** office.com: every worldwide front door's regional name, 4 A each (the static names). */
    private String officeZone() {
        StringBuilder z = new StringBuilder(zoneHead());
        for (Site s : frontDoors) {
            String owner = relative(regionalName(exchange, s), "office.com");
            for (Inet4Address a : s.ipv4()) {
                z.append(owner).append(' ').append(exchange.regional().ttl()).append(" A ")
                        .append(a.getHostAddress()).append('\n');
            }
        }
        return z.toString();
    }

    /** sharepoint.com: each worldwide tenant's static chain to its home farm, and every farm's 4 A. */
    private String sharepointZone() {
        StringBuilder z = new StringBuilder(zoneHead());
        for (Tenant t : world.tenants()) {
            if (!t.cloud().equals(sharepoint.cloud())) {
                continue;
            }
            Site home = world.site(t.home()).orElseThrow();
            for (var step : sharepoint.chain()) {
                String owner = step.owner().replace("{tenant}", t.id());
                String target = step.target().replace("{tenant}", t.id()).replace("{site}", home.code());
                z.append(relative(owner, "sharepoint.com")).append(' ').append(step.ttl()).append(" CNAME ")
                        .append(target).append(".\n");
            }
        }
        for (Site s : compiled.service(sharepoint).candidateSites()) {
            String owner = relative(regionalName(sharepoint, s), "sharepoint.com");
            for (Inet4Address a : s.ipv4()) {
                z.append(owner).append(' ').append(sharepoint.regional().ttl()).append(" A ")
                        .append(a.getHostAddress()).append('\n');
            }
        }
        return z.toString();
    }

    // --- gdnsd 3.x ------------------------------------------------------------------------------

    private void writeGdnsd(Path dir, Path mmdb, int port, Map<String, Place> byCity, Map<String, Site> choice)
            throws IOException {
        Files.createDirectories(dir.resolve("zones"));
        Files.createDirectories(dir.resolve("run"));
        Files.createDirectories(dir.resolve("state"));
        // continent -> country -> city -> [dc]: the map gdnsd's geoip plugin reads from the City db.
        Map<String, Map<String, Map<String, String>>> tree = new TreeMap<>();
        for (var e : byCity.entrySet()) {
            Place p = e.getValue();
            tree.computeIfAbsent(p.continent().name(), k -> new TreeMap<>())
                    .computeIfAbsent(p.country(), k -> new TreeMap<>())
                    .put(p.city(), choice.get(e.getKey()).id());
        }
        StringBuilder map = new StringBuilder("        map => {\n          default => [" + defaultFrontDoor.id() + "]\n");
        for (var c : tree.entrySet()) {
            map.append("          ").append(c.getKey()).append(" => {\n");
            for (var k : c.getValue().entrySet()) {
                map.append("            ").append(k.getKey()).append(" => {");
                map.append(k.getValue().entrySet().stream()
                        .map(x -> " \"" + x.getKey() + "\" => [" + x.getValue() + "]")
                        .collect(Collectors.joining(",")));
                map.append(" }\n");
            }
            map.append("          }\n");
        }
        map.append("        }\n");
        StringBuilder dcmap = new StringBuilder();
        for (Site s : frontDoors) {
            dcmap.append("          ").append(s.id()).append(" => [")
                    .append(s.ipv4().stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", ")))
                    .append("]\n");
        }
        String config = "# Written by dev.geodns.bench.ComparisonSetup for bench/run-comparison.sh.\n"
                + "options => {\n"
                + "  listen => [ 127.0.0.1:" + port + " ]\n"
                + "  run_dir => " + dir.resolve("run") + "\n"
                + "  state_dir => " + dir.resolve("state") + "\n"
                + "  udp_threads => 1\n"
                + "  tcp_threads => 1\n"
                + "  experimental_no_chain => false   # chain the static SharePoint CNAMEs like the others do\n"
                + "}\n"
                + "plugins => { geoip => {\n"
                + "  maps => {\n"
                + "    lab => {\n"
                + "      geoip2_db => " + mmdb + "\n"
                + "      datacenters => [" + frontDoors.stream().map(Site::id).collect(Collectors.joining(", ")) + "]\n"
                + map
                + "    }\n"
                + "  }\n"
                + "  resources => {\n"
                + "    exchange => {\n"
                + "      map => lab\n"
                + "      dcmap => {\n" + dcmap
                + "      }\n"
                + "    }\n"
                + "  }\n"
                + "}}\n";
        write(dir.resolve("config"), config);
        write(dir.resolve("zones/office365.com"), zoneHead()
                + relative(GEO_NAME, "office365.com") + " " + exchange.regional().ttl() + " DYNA geoip!exchange\n");
        write(dir.resolve("zones/office.com"), officeZone());
        write(dir.resolve("zones/sharepoint.com"), sharepointZone());
    }

    // --- Knot DNS 3.2 ---------------------------------------------------------------------------

    private void writeKnot(Path dir, Path mmdb, int port, Map<String, Place> byCity, Map<String, Site> choice)
            throws IOException {
        Files.createDirectories(dir.resolve("zones"));
        Files.createDirectories(dir.resolve("run"));
        Files.createDirectories(dir.resolve("db"));
        String conf = "# Written by dev.geodns.bench.ComparisonSetup for bench/run-comparison.sh.\n"
                + "server:\n"
                + "    listen: 127.0.0.1@" + port + "\n"
                + "    rundir: " + dir.resolve("run") + "\n"
                + "    udp-workers: 1\n"
                + "    tcp-workers: 1\n"
                + "    background-workers: 1\n"
                + "log:\n"
                + "  - target: stderr\n"
                + "    any: notice\n"
                + "database:\n"
                + "    storage: " + dir.resolve("db") + "\n"
                + "mod-geoip:\n"
                + "  - id: lab\n"
                + "    config-file: " + dir.resolve("geo.conf") + "\n"
                + "    ttl: " + exchange.regional().ttl() + "\n"
                + "    mode: geodb\n"
                + "    geodb-file: " + mmdb + "\n"
                + "    geodb-key: [ country/iso_code, city/names/en ]\n"
                + "template:\n"
                + "  - id: default\n"
                + "    storage: " + dir.resolve("zones") + "\n"
                + "    file: \"%s.zone\"\n"
                + "    journal-content: none\n"
                + "    zonefile-sync: -1\n"
                + "zone:\n"
                + "  - domain: office365.com.\n"
                + "    module: mod-geoip/lab\n"
                + "  - domain: office.com.\n"
                + "  - domain: sharepoint.com.\n";
        write(dir.resolve("knot.conf"), conf);
        StringBuilder geo = new StringBuilder(GEO_NAME + ":\n");
        for (var e : byCity.entrySet()) {
            Place p = e.getValue();
            geo.append("  - geo: \"").append(p.country()).append(';').append(p.city()).append("\"\n");
            for (Inet4Address a : choice.get(e.getKey()).ipv4()) {
                geo.append("    A: ").append(a.getHostAddress()).append('\n');
            }
        }
        write(dir.resolve("geo.conf"), geo.toString());
        // Outside every mapped city the module falls through to the zone: the cloud's default front door.
        StringBuilder z = new StringBuilder(zoneHead());
        for (Inet4Address a : defaultFrontDoor.ipv4()) {
            z.append(relative(GEO_NAME, "office365.com")).append(' ').append(exchange.regional().ttl())
                    .append(" A ").append(a.getHostAddress()).append('\n');
        }
        write(dir.resolve("zones/office365.com.zone"), z.toString());
        write(dir.resolve("zones/office.com.zone"), officeZone());
        write(dir.resolve("zones/sharepoint.com.zone"), sharepointZone());
    }

    // --- dnsperf input -------------------------------------------------------------------------

    private void writeQueries(Path out) throws IOException {
        Site lhr = frontDoors.stream().filter(s -> s.code().equals(STATIC_NAME_CODE)).findFirst().orElseThrow();
        String staticName = regionalName(exchange, lhr);
        // Equal thirds: a geo name, a tenant name, a static name.
        List<String> lines = new ArrayList<>();
        lines.add(GEO_NAME + " A");
        lines.add("contoso.sharepoint.com A");
        lines.add(staticName + " A");
        write(out.resolve("queries.txt"), String.join("\n", lines) + "\n");
        write(out.resolve("names.txt"), GEO_NAME + "\ncontoso.sharepoint.com\n" + staticName + "\n");
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
