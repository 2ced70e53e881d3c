package dev.geodns.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each row breaks {@link TestWorlds#BASE} in one place and names the error it must produce, with
 * the exact {@code file:line: key.path: } prefix, so that line numbers and key paths are checked.
 */
class WorldLoaderErrorTableTest {
    private static final String MAIL2 = """
              - id: mail2
                cloud: world
                routing: nearest
                site_kind: front-door
                names: [%s]
                chain:
                  - {owner: %s, target: "%s", ttl: 30}
                regional: {name: "%s", ttl: 10}
            tenants:
            """;

    /** Three 63-byte labels: with the 8-byte sample tenant the name fits in 255 bytes, with a 63-byte tenant it does not. */
    private static final String LONG_PATTERN = "{tenant}." + "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63)
            + ".example.net";
    private static final String LONG_TENANT = "t" + "x".repeat(62);

    static Stream<Arguments> rows() {
        return Stream.of(
                // structure: unknown, missing, duplicate keys
                row("name: lab\n", "name: lab\ncolour: blue\n",
                        "bad.yaml:2: colour: unknown key (allowed: name, server, answers, geoip, zones, clouds, sites, services, tenants, networks)"),
                row("name: lab\n", "# nameless\n", "bad.yaml:2: name: required key is missing"),
                row("    kind: front-door\n    code: FRA", "    kind: front-door\n    kind: datacenter\n    code: FRA",
                        "bad.yaml:11: sites[0].kind: duplicate key (first given at line 10)"),
                row("    cloud: world\n  - {id: sea", "    cloud: world\n    colour: red\n  - {id: sea",
                        "bad.yaml:18: sites[0].colour: unknown key (allowed: id, kind, code, city, country, continent, latitude, longitude, cloud, basis, ipv4, ipv6)"),
                row("target: mail.example.com, ttl: 300}", "target: mail.example.com, ttl: 300, weight: 1}",
                        "bad.yaml:30: services[0].chain[0].weight: unknown key (allowed: owner, target, ttl)"),
                row("home: dc-east, failover", "failover", "bad.yaml:43: tenants[0].home: required key is missing"),
                row("names: [mail.example.com, smtp.example.com]", "names: [mail.example.com, smtp.example.com",
                        "bad.yaml:29: (root): YAML syntax error: while parsing a flow sequence"),
                // types and ranges
                row("latitude: 50.03", "latitude: 95", "bad.yaml:15: sites[0].latitude: 95 is outside [-90, 90]"),
                row("longitude: -122.31", "longitude: -190.5",
                        "bad.yaml:18: sites[1].longitude: -190.5 is outside [-180, 180]"),
                row("latitude: 50.03", "latitude: north",
                        "bad.yaml:15: sites[0].latitude: expected a number, got the string 'north'"),
                row("longitude: 8.57", "longitude: \"8.57\"",
                        "bad.yaml:16: sites[0].longitude: expected a number, got the string '8.57'"),
                row("regional: {name: \"{site}-efz.geo.example.com\", ttl: 10}", "regional: [a, b]",
                        "bad.yaml:33: services[0].regional: expected a map, got a list"),
                row("names: [mail.example.com, smtp.example.com]", "names: {first: mail.example.com}",
                        "bad.yaml:28: services[0].names: expected a list, got a map"),
                row("ecs: true", "ecs: maybe", "bad.yaml:27: services[0].ecs: expected true or false, got the string 'maybe'"),
                row("target: mail.example.com, ttl: 300", "target: mail.example.com, ttl: -5",
                        "bad.yaml:30: services[0].chain[0].ttl: must not be negative (got -5)"),
                row("name: lab\n", "name: lab\nserver: {ns_ttl: -1}\n", "bad.yaml:2: server.ns_ttl: must not be negative (got -1)"),
                row("name: lab\n", "name: lab\nanswers: {per_site: 300}\n",
                        "bad.yaml:2: answers.per_site: must be between 1 and 254 (got 300)"),
                row("name: lab\n", "name: lab\nserver:\n  nameservers:\n    - {name: ns1.example.com, addresses: [localhost]}\n",
                        "bad.yaml:4: server.nameservers[0].addresses[0]: 'localhost' is not an IPv4 or IPv6 address"),
                // words from a fixed set
                row("continent: EU\n    latitude", "continent: EUR\n    latitude",
                        "bad.yaml:14: sites[0].continent: unknown continent 'EUR' (allowed: AF, AN, AS, EU, NA, OC, SA)"),
                row("country: DE\n    continent", "country: Germany\n    continent",
                        "bad.yaml:13: sites[0].country: 'Germany' is not an ISO 3166-1 alpha-2 country code"),
                row("routing: nearest", "routing: closest",
                        "bad.yaml:25: services[0].routing: unknown routing 'closest' (allowed: nearest, active, fixed, anycast)"),
                row("{id: sea, kind: front-door", "{id: sea, kind: edge",
                        "bad.yaml:18: sites[1].kind: unknown kind 'edge' (allowed: datacenter, front-door, anycast)"),
                row("basis: found}", "basis: guessed}", "bad.yaml:6: clouds[0].basis: unknown basis 'guessed' (allowed: found, inferred)"),
                row("{id: contoso", "{id: con_toso", "bad.yaml:43: tenants[0].id: 'con_toso' is not a DNS label"),
                row("code: FRA", "code: FR.A", "bad.yaml:11: sites[0].code: 'FR.A' cannot be part of a DNS label"),
                // duplicate ids
                row("{id: dc-west", "{id: dc-east",
                        "bad.yaml:20: sites[3].id: duplicate site id 'dc-east' (first at sites[2], line 19)"),
                row("{id: gov, default_site: gov-dc}", "{id: world, default_site: gov-dc}",
                        "bad.yaml:7: clouds[1].id: duplicate cloud id 'world' (first at clouds[0], line 6)"),
                row("  - id: files", "  - id: mail", "bad.yaml:34: services[1].id: duplicate service id 'mail' (first at services[0], line 23)"),
                row("mailbox: dc-east}\n", "mailbox: dc-east}\n  - {id: Contoso, cloud: world, home: dc-west}\n",
                        "bad.yaml:44: tenants[1].id: duplicate tenant id 'Contoso' (first at tenants[0], line 43)"),
                row("  - origin: example.net\n", "  - origin: example.net\n  - origin: EXAMPLE.net.\n",
                        "bad.yaml:5: zones[2].origin: zone EXAMPLE.net. is declared twice (also at zones[1])"),
                row("code: SEA", "code: fra",
                        "bad.yaml:18: sites[1].code: code 'fra' is already used by site 'fra' (sites[0]) of the same cloud and kind"),
                // references and cloud fences
                row("home: dc-east", "home: dc-nowhere", "bad.yaml:43: tenants[0].home: unknown site 'dc-nowhere'"),
                row("failover: [dc-west]", "failover: [fra]",
                        "bad.yaml:43: tenants[0].failover[0]: site 'fra' is a front-door, but a tenant's failover must be a datacenter"),
                row("home: dc-east", "home: gov-dc", "bad.yaml:43: tenants[0].home: site 'gov-dc' is in cloud 'gov', not 'world'"),
                row("mailbox: dc-east}", "mailbox: dc-mars}", "bad.yaml:43: tenants[0].mailbox: unknown site 'dc-mars'"),
                row("  - id: files\n    cloud: world", "  - id: files\n    cloud: galaxy",
                        "bad.yaml:35: services[1].cloud: unknown cloud 'galaxy' (clouds: world, gov)"),
                row("-122.31, cloud: world}", "-122.31, cloud: moon}",
                        "bad.yaml:18: sites[1].cloud: unknown cloud 'moon' (clouds: world, gov)"),
                row("{id: gov, default_site: gov-dc}", "{id: gov, default_site: fra}",
                        "bad.yaml:7: clouds[1].default_site: site 'fra' is in cloud 'world', not 'gov'"),
                row("default_site: fra, basis", "default_site: ams, basis", "bad.yaml:6: clouds[0].default_site: unknown site 'ams'"),
                // routing
                row("routing: nearest", "routing: fixed", "bad.yaml:23: services[0].fixed_site: required for routing: fixed"),
                row("routing: nearest", "routing: fixed\n    fixed_site: dc-east",
                        "bad.yaml:26: services[0].fixed_site: 'dc-east' is a datacenter but site_kind is front-door"),
                row("routing: nearest", "routing: fixed\n    fixed_site: gov-dc",
                        "bad.yaml:26: services[0].fixed_site: site 'gov-dc' is in cloud 'gov', not 'world'"),
                row("routing: nearest", "routing: fixed\n    fixed_site: nowhere", "bad.yaml:26: services[0].fixed_site: unknown site 'nowhere'"),
                row("ecs: true", "ecs: true\n    fixed_site: fra",
                        "bad.yaml:28: services[0].fixed_site: only allowed with routing: fixed or anycast (routing is nearest)"),
                row("routing: nearest\n    site_kind: front-door", "routing: active\n    site_kind: datacenter",
                        "bad.yaml:28: services[0].names[0]: routing: active picks the tenant's home datacenter, so every name must hold {tenant}"),
                row("routing: active\n    site_kind: datacenter", "routing: active\n    site_kind: front-door",
                        "bad.yaml:37: services[1].site_kind: routing: active answers with the tenant's home datacenter"),
                // anycast and endpoint categories
                row("routing: nearest", "routing: anycast",
                        "bad.yaml:23: services[0].fixed_site: required for routing: anycast"),
                row("routing: nearest", "routing: anycast\n    fixed_site: fra",
                        "bad.yaml:27: services[0].site_kind: routing: anycast answers with an anycast site's addresses, so site_kind must be anycast"),
                row("routing: nearest\n    site_kind: front-door", "routing: nearest\n    site_kind: anycast",
                        "bad.yaml:26: services[0].site_kind: anycast sites answer only for routing: anycast (routing is nearest)"),
                row("ecs: true", "ecs: true\n    category: Fast",
                        "bad.yaml:28: services[0].category: must be Optimize, Allow or Default, not 'Fast'"),
                // CIDRs
                row("cidr: 127.0.1.0/24", "cidr: 127.0.1.1/24",
                        "bad.yaml:45: networks[0].cidr: '127.0.1.1/24' has host bits set (network is 127.0.1.0/24)"),
                row("cidr: 127.0.1.0/24", "cidr: 127.0.1.0/33", "bad.yaml:45: networks[0].cidr: '127.0.1.0/33' prefix length must be 0..32"),
                row("cidr: 127.0.1.0/24", "cidr: lab.example/24", "bad.yaml:45: networks[0].cidr: 'lab.example/24' has no valid IP address"),
                row("cidr: \"2001:db8:1::/48\", continent: EU", "cidr: 127.0.1.0/24, city: Paris, continent: EU",
                        "bad.yaml:46: networks[1].cidr: 127.0.1.0/24 is already listed at networks[0] (line 45) with a different place"),
                // chains
                row("target: mail.geo.example.com, ttl: 60", "target: smtp.example.com, ttl: 60",
                        "bad.yaml:30: services[0].chain[0].target: the chain from 'mail.example.com' loops back to services[0].chain[1]"),
                row("target: mail.geo.example.com, ttl: 60", "target: \"{site}.mail.geo.example.com\", ttl: 60",
                        "bad.yaml:32: services[0].chain[2].target: a second geo step (the first is services[0].chain[1])"),
                row("target: \"{site}-efz.geo.example.com\", ttl: 30}", "target: efz.geo.example.com, ttl: 30}",
                        "bad.yaml:30: services[0].chain: has no geo step"),
                row("regional: {name: \"{site}-efz", "regional: {name: \"{site}-www",
                        "bad.yaml:33: services[0].regional.name: must equal the geo step's target '{site}-efz.geo.example.com' (services[0].chain[2].target)"),
                row("regional: {name: \"{site}-efz.geo.example.com\"", "regional: {name: efz.geo.example.com",
                        "bad.yaml:33: services[0].regional.name: must hold {site}"),
                row("{owner: smtp.example.com, target: mail.example.com", "{owner: \"{site}.smtp.example.com\", target: mail.example.com",
                        "bad.yaml:30: services[0].chain[0].owner: {site} may only appear in the geo step's target and regional.name"),
                row("target: mail.geo.example.com, ttl: 60", "target: \"{tenant}.geo.example.com\", ttl: 60",
                        "bad.yaml:31: services[0].chain[1].target: {tenant} is used but no name of this service holds {tenant}"),
                row("\"{site}-efz.geo.example.com\", ttl: 30}", "\"{FD}-efz.geo.example.com\", ttl: 30}",
                        "bad.yaml:32: services[0].chain[2].target: unknown placeholder '{FD}'"),
                row("names: [mail.example.com, smtp.example.com]", "names: [mail.example.com, smtp.example.com, imap.example.com]",
                        "bad.yaml:28: services[0].names[2]: 'imap.example.com' owns no chain step"),
                row("    chain:\n      - {owner: smtp", "    chain:\n      - {owner: old.example.com, target: mail.example.com, ttl: 300}\n      - {owner: smtp",
                        "bad.yaml:30: services[0].chain[0].owner: no name of the service leads to this step"),
                row("target: mail.geo.example.com, ttl: 60}\n",
                        "target: mail.geo.example.com, ttl: 60}\n      - {owner: MAIL.example.com., target: other.example.com, ttl: 60}\n",
                        "bad.yaml:32: services[0].chain[2].owner: 'MAIL.example.com.' is already the owner of services[0].chain[1]"),
                // zones and names
                row("  - origin: example.net\n", "  - origin: example.org\n",
                        "bad.yaml:38: services[1].names[0]: '{tenant}.files.example.net' is not inside any declared zone (zones: example.com, example.org)"),
                row("  - origin: example.net\n", "  - origin: example.net\n  - origin: mail.example.com\n",
                        "bad.yaml:29: services[0].names[0]: 'mail.example.com' is the apex of zone mail.example.com"),
                row("tenants:\n", mail2("smtp.example.com", "{site}.m2.example.com", "{site}.m2.example.com"),
                        "bad.yaml:46: services[2].names[0]: 'smtp.example.com' is also a name of service 'mail' (services[0].names[1])"),
                row("tenants:\n", mail2("contoso.files.example.net", "{site}.m2.example.net", "{site}.m2.example.net"),
                        "bad.yaml:46: services[2].names[0]: 'contoso.files.example.net' is also a name of service 'files' (services[1].names[0])"),
                row("tenants:\n", mail2("relay.example.com", "{site}-efz.geo.example.com", "{site}-efz.geo.example.com"),
                        "bad.yaml:49: services[2].regional.name: 'FRA-efz.geo.example.com' is also a regional name of service 'mail' (services[0].regional.name)"),
                // names that only break once {tenant} is filled (found by the compiler, still with their line)
                row("tenants:\n", mail2("\"" + LONG_PATTERN + "\"", "{site}.m3.example.net", "{site}.m3.example.net")
                                + "  - {id: " + LONG_TENANT + ", cloud: world, home: dc-west}\n",
                        "bad.yaml:48: services[2].chain[0].owner: '" + LONG_TENANT + "."),
                // sites and addresses
                row("-122.31, cloud: world}", "-122.31, cloud: world, ipv4: [198.18.0.1]}",
                        "bad.yaml:18: sites[1].ipv4[0]: 198.18.0.1 is already an answer address of sites[0] ('fra')"),
                row("-122.31, cloud: world}", "-122.31, cloud: world, ipv6: [198.51.100.7]}",
                        "bad.yaml:18: sites[1].ipv6[0]: '198.51.100.7' is not an IPv6 address"),
                row("name: lab\n", "name: lab\nanswers: {ipv4_pool: 198.18.0.0/23}\n",
                        "bad.yaml:20: sites[2].ipv4: answers.ipv4_pool 198.18.0.0/23 has room for 2 sites"),
                row("sites:\n", "sites: []\nold_sites:\n", "bad.yaml:8: sites: a world needs at least one site"));
    }

    private static Arguments row(String find, String replace, String expected) {
        return arguments(expected, find, replace);
    }

    private static String mail2(String name, String target, String regional) {
        return MAIL2.formatted(name, name, target, regional);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void reportsFileLineKeyPathAndReason(String expected, String find, String replace) {
        int at = TestWorlds.BASE.indexOf(find);
        assertThat(at).as("'%s' occurs in the base world", find).isGreaterThanOrEqualTo(0);
        assertThat(TestWorlds.BASE.indexOf(find, at + 1)).as("'%s' occurs once", find).isLessThan(0);
        String broken = TestWorlds.BASE.replace(find, replace);
        assertThatThrownBy(() -> WorldLoader.parse(broken, "bad.yaml", null))
                .isInstanceOf(WorldException.class)
                .satisfies(e -> assertThat(((WorldException) e).errors())
                        .extracting(ConfigError::toString)
                        .anySatisfy(line -> assertThat(line).startsWith(expected)));
    }

    @Test
    void baseWorldIsValid() throws WorldException {
        assertThat(WorldLoader.parse(TestWorlds.BASE, "bad.yaml", null).sites()).hasSize(5);
    }

    @Test
    void tableHasAtLeastTwentyFiveRows() {
        assertThat(rows().count()).isGreaterThanOrEqualTo(25);
    }

    @Test
    void collectsManyErrorsAtOnce() {
        String broken = TestWorlds.BASE.replace("latitude: 50.03", "latitude: 95")
                .replace("routing: nearest", "routing: closest")
                .replace("home: dc-east", "home: dc-nowhere");
        assertThatThrownBy(() -> WorldLoader.parse(broken, "bad.yaml", null))
                .isInstanceOfSatisfying(WorldException.class, e -> assertThat(e.errors()).hasSizeGreaterThanOrEqualTo(3))
                .hasMessageContaining("bad.yaml:15: sites[0].latitude")
                .hasMessageContaining("bad.yaml:25: services[0].routing")
                .hasMessageContaining("bad.yaml:43: tenants[0].home");
    }
}
