package dev.geodns.server.routing;

import dev.geodns.config.WorldCompiler;
import dev.geodns.config.WorldException;
import dev.geodns.config.compiled.CompiledWorld;
import dev.geodns.config.model.Basis;
import dev.geodns.config.model.ChainStep;
import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.Cloud;
import dev.geodns.config.model.Continent;
import dev.geodns.config.model.GeoIpSettings;
import dev.geodns.config.model.LabNetwork;
import dev.geodns.config.model.Place;
import dev.geodns.config.model.RegionalName;
import dev.geodns.config.model.RoutingKind;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.Site;
import dev.geodns.config.model.SiteKind;
import dev.geodns.config.model.Tenant;
import dev.geodns.config.model.World;
import dev.geodns.server.geo.ClientSubnet;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small worlds in code for routing tests (the YAML loader is tested on its own). {@link
 * #standard()} is the world the brief's scenarios run on: front doors FRA, SEA, SIN, SYD, GRU, a
 * {@code china} cloud with PEK and PVG, datacenters, tenants, and the lab networks
 * 127.0.1.0/24 Frankfurt .. 127.0.5.0/24 Sao Paulo.
 */
public final class TestWorlds {
    public static final Place FRANKFURT = city("Frankfurt", "DE", Continent.EU, 50.11, 8.68);
    public static final Place SEATTLE = city("Seattle", "US", Continent.NA, 47.61, -122.33);
    public static final Place SINGAPORE = city("Singapore", "SG", Continent.AS, 1.29, 103.85);
    public static final Place SYDNEY = city("Sydney", "AU", Continent.OC, -33.87, 151.21);
    public static final Place SAO_PAULO = city("Sao Paulo", "BR", Continent.SA, -23.55, -46.63);

    private final List<Cloud> clouds = new ArrayList<>();
    private final List<Site> sites = new ArrayList<>();
    private final List<Service> services = new ArrayList<>();
    private final List<Tenant> tenants = new ArrayList<>();
    private final List<LabNetwork> networks = new ArrayList<>();
    private GeoIpSettings geoip = GeoIpSettings.NONE;

    public static TestWorlds builder() {
        return new TestWorlds();
    }

    /** The scenario world; see the class comment. */
    public static World standard() {
        return builder()
                .cloud("worldwide", "fd-sea")
                .cloud("china", "fd-pek")
                .frontDoor("fd-fra", "FRA", "worldwide", city("Frankfurt", "DE", Continent.EU, 50.03, 8.57))
                .frontDoor("fd-sea", "SEA", "worldwide", city("Seattle", "US", Continent.NA, 47.45, -122.31))
                .frontDoor("fd-sin", "SIN", "worldwide", city("Singapore", "SG", Continent.AS, 1.35, 103.99))
                .frontDoor("fd-syd", "SYD", "worldwide", city("Sydney", "AU", Continent.OC, -33.95, 151.18))
                .frontDoor("fd-gru", "GRU", "worldwide", city("Sao Paulo", "BR", Continent.SA, -23.44, -46.47))
                .frontDoor("fd-pek", "PEK", "china", city("Beijing", "CN", Continent.AS, 40.08, 116.58))
                .frontDoor("fd-pvg", "PVG", "china", city("Shanghai", "CN", Continent.AS, 31.14, 121.81))
                .datacenter("dc-ams", "AMS", "worldwide", city("Amsterdam", "NL", Continent.EU, 52.37, 4.90))
                .datacenter("dc-dub", "DUB", "worldwide", city("Dublin", "IE", Continent.EU, 53.35, -6.26))
                .datacenter("dc-chi", "CHI", "worldwide", city("Chicago", "US", Continent.NA, 41.88, -87.63))
                .datacenter("dc-sjc", "SJC", "worldwide", city("San Jose", "US", Continent.NA, 37.34, -121.89))
                .datacenter("cn-bjs", "BJS", "china", city("Beijing", "CN", Continent.AS, 39.90, 116.41))
                .datacenter("cn-sha", "SHA", "china", city("Shanghai", "CN", Continent.AS, 31.23, 121.47))
                .service("exchange", "worldwide", RoutingKind.NEAREST, SiteKind.FRONT_DOOR, true, null,
                        "outlook.office365.com")
                .service("portal", "worldwide", RoutingKind.NEAREST, SiteKind.FRONT_DOOR, false, null,
                        "portal.office.com")
                .service("sharepoint", "worldwide", RoutingKind.ACTIVE, SiteKind.DATACENTER, true, null,
                        "{tenant}.sharepoint.com")
                .service("status", "worldwide", RoutingKind.FIXED, SiteKind.DATACENTER, true, "dc-dub",
                        "status.office.com")
                .service("exchange-cn", "china", RoutingKind.NEAREST, SiteKind.FRONT_DOOR, true, null,
                        "partner.outlook.cn")
                .service("sharepoint-cn", "china", RoutingKind.ACTIVE, SiteKind.DATACENTER, true, null,
                        "{tenant}.sharepoint.cn")
                .tenant("contoso", "worldwide", "dc-chi", "dc-sjc")
                .tenant("fabrikam", "worldwide", "dc-ams", "dc-dub", "dc-chi")
                .tenant("wingtip", "china", "cn-sha", "cn-bjs")
                .network("127.0.1.0/24", FRANKFURT)
                .network("127.0.2.0/24", SEATTLE)
                .network("127.0.3.0/24", SINGAPORE)
                .network("127.0.4.0/24", SYDNEY)
                .network("127.0.5.0/24", SAO_PAULO)
                .network("2001:db8:1::/48", FRANKFURT)
                .build();
    }

    public static Place city(String name, String country, Continent continent, double lat, double lon) {
        return new Place(name, country, continent, lat, lon);
    }

    public TestWorlds cloud(String id, String defaultSite) {
        clouds.add(new Cloud(id, id + " cloud", defaultSite, Basis.FOUND));
        return this;
    }

    public TestWorlds frontDoor(String id, String code, String cloud, Place place) {
        return site(id, SiteKind.FRONT_DOOR, code, cloud, place);
    }

    public TestWorlds datacenter(String id, String code, String cloud, Place place) {
        return site(id, SiteKind.DATACENTER, code, cloud, place);
    }

    public TestWorlds site(String id, SiteKind kind, String code, String cloud, Place place) {
        sites.add(new Site(id, kind, code, place, cloud, Basis.FOUND, List.of(), List.of()));
        return this;
    }

    public TestWorlds service(String id, String cloud, RoutingKind routing, SiteKind kind, boolean ecs,
            String fixedSite, String name) {
        String regional = "{site}-" + id + ".example.com";
        services.add(new Service(id, cloud, routing, kind, ecs, fixedSite, List.of(name),
                List.of(new ChainStep(name, regional, 30)), new RegionalName(regional, 300), Basis.FOUND));
        return this;
    }

    public TestWorlds tenant(String id, String cloud, String home, String... failover) {
        tenants.add(new Tenant(id, cloud, home, List.of(failover), null, List.of(), Basis.FOUND));
        return this;
    }

    public TestWorlds network(String cidr, Place place) {
        networks.add(new LabNetwork(Cidr.parse(cidr), place));
        return this;
    }

    public TestWorlds geoip(GeoIpSettings settings) {
        this.geoip = settings;
        return this;
    }

    public World build() {
        return new World("test", null, null, clouds, sites, services, tenants, networks, geoip, null, List.of());
    }

    // ---- small helpers for tests ----

    /** The compiled form of a world built here; a world that does not compile fails the test's setup. */
    public static CompiledWorld compiled(World world) {
        try {
            return WorldCompiler.compile(world);
        } catch (WorldException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** An address literal (never a DNS lookup). */
    public static InetAddress ip(String literal) {
        try {
            return InetAddress.getByAddress(Cidr.parseLiteral(literal));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** An ECS option as a resolver sends it: {@code address/sourcePrefix}, scope 0. */
    public static ClientSubnet ecs(String cidr) {
        Cidr c = Cidr.parse(cidr);
        return new ClientSubnet(c.isIpv4() ? ClientSubnet.FAMILY_IPV4 : ClientSubnet.FAMILY_IPV6,
                c.prefixLength(), 0, c.networkBytes());
    }

    public static Service service(World world, String id) {
        return world.service(id).orElseThrow();
    }

    public static Tenant tenant(World world, String id) {
        return world.tenant(id).orElseThrow();
    }
}
