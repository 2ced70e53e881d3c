package dev.geodns.config.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The emulated world: immutable, validated, built only by the loader.
 *
 * @param source the world file, or null for the built-in world
 * @param lines where each key path was written, for errors found after loading
 */
public record World(
        String name,
        Path source,
        ServerIdentity server,
        List<Cloud> clouds,
        List<Site> sites,
        List<Service> services,
        List<Tenant> tenants,
        List<LabNetwork> networks,
        GeoIpSettings geoip,
        AnswerAddresses answers,
        List<ZoneSpec> zones,
        SourceLines lines) {

    public World {
        lines = lines == null ? SourceLines.NONE : lines;
        clouds = List.copyOf(clouds);
        sites = List.copyOf(sites);
        services = List.copyOf(services);
        tenants = List.copyOf(tenants);
        networks = List.copyOf(networks);
        zones = List.copyOf(zones);
    }

    /** A world built in code: no source lines. */
    public World(String name, Path source, ServerIdentity server, List<Cloud> clouds, List<Site> sites,
            List<Service> services, List<Tenant> tenants, List<LabNetwork> networks, GeoIpSettings geoip,
            AnswerAddresses answers, List<ZoneSpec> zones) {
        this(name, source, server, clouds, sites, services, tenants, networks, geoip, answers, zones, SourceLines.NONE);
    }

    /** How errors name this world's file: its label when loaded, else its path, else {@code builtin:NAME}. */
    public String fileLabel() {
        if (lines.file() != null) {
            return lines.file();
        }
        return source != null ? source.toString() : "builtin:" + name;
    }

    public Optional<Site> site(String id) {
        return sites.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<Cloud> cloud(String id) {
        return clouds.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public Optional<Service> service(String id) {
        return services.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<Tenant> tenant(String id) {
        return tenants.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** Sites by id, in file order. */
    public Map<String, Site> sitesById() {
        return sites.stream().collect(Collectors.toMap(Site::id, Function.identity(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    /**
     * This world with every service honouring EDNS Client Subnet (the server's {@code --ecs-everywhere}
     * switch); the same world when all already do.
     */
    public World withEcsEverywhere() {
        if (services.stream().allMatch(Service::honoursEcs)) {
            return this;
        }
        return new World(name, source, server, clouds, sites, services.stream().map(s -> s.withEcs(true)).toList(),
                tenants, networks, geoip, answers, zones, lines);
    }

    /** One line: counts of clouds, sites, services, tenants, networks and zones. */
    public String summary() {
        return String.format("world '%s': %d clouds, %d sites, %d services, %d tenants, %d lab networks, %d zones",
                name, clouds.size(), sites.size(), services.size(), tenants.size(), networks.size(), zones.size());
    }
}
