package dev.geodns.testbed.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A table of (bad scenario, expected error): every error names file, line, key path and reason. */
class ScenarioLoaderErrorTableTest {
    private static final String HEAD = """
            name: t
            description: d
            resolvers:
              - {id: home, place: Berlin}
              - {id: vpn, kind: vpn, place: Seattle}
            """;

    private static final String REAL = "name: t\ndescription: d\nresolvers:\n";
    private static final String CLIENT = "clients: [{id: c, place: Berlin, resolver: r, lookups: [portal]}]\n";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(HEAD + "colour: red\nclients: [{id: c, place: Berlin, resolver: home, lookups: [portal]}]\n",
                        "scenario.yaml:6: colour: unknown key"),
                Arguments.of("name: t\ndescription: d\nresolvers: [{id: home, place: Berlin}]\n",
                        "scenario.yaml:1: clients: missing required key"),
                Arguments.of("description: d\nresolvers: [{id: home, place: Berlin}]\n"
                        + "clients: [{id: c, place: Berlin, resolver: home, lookups: [portal]}]\n",
                        "scenario.yaml:1: name: missing required key"),
                Arguments.of(HEAD + "clients:\n  - {id: c, place: Atlantis, resolver: home, lookups: [portal]}\n",
                        "scenario.yaml:7: clients[0].place: 'Atlantis' is not a city of the world's lab plan"),
                Arguments.of(HEAD + "clients:\n  - {id: c, place: Berlin, resolver: nope, lookups: [portal]}\n",
                        "scenario.yaml:7: clients[0].resolver: unknown resolver 'nope'"),
                Arguments.of(HEAD + "clients:\n  - {id: c, place: Berlin, address: 192.0.2.1, resolver: home,"
                        + " lookups: [portal]}\n",
                        "scenario.yaml:7: clients[0].address: 192.0.2.1 is not a loopback address"),
                Arguments.of(HEAD + "clients:\n  - {id: c, place: Berlin, address: 127.0.2.10, resolver: home,"
                        + " lookups: [portal]}\n",
                        "scenario.yaml:7: clients[0].address: 127.0.2.10 is in Seattle's lab network (127.0.2.0/24),"
                                + " not Berlin's"),
                Arguments.of(HEAD + "clients:\n  - {id: c, place: Berlin, resolver: home, lookups: [exchnage]}\n",
                        "scenario.yaml:7: clients[0].lookups: unknown service 'exchnage'"),
                Arguments.of(HEAD + "clients:\n  - {id: c, place: Berlin, resolver: home, lookups: [sharepoint]}\n",
                        "scenario.yaml:7: clients[0].lookups: 'sharepoint': service sharepoint has one name per tenant"),
                Arguments.of(HEAD + "clients:\n  - {id: c, place: Berlin, resolver: home, lookups: [\"sharepoint:wingtip\"]}\n",
                        "clients[0].lookups: 'sharepoint:wingtip': tenant wingtip is in cloud china, service sharepoint"
                                + " in cloud worldwide"),
                Arguments.of(HEAD + "tenants: [contoso]\nclients:\n  - {id: c, place: Berlin, resolver: home, tenant: fabrikam,"
                        + " lookups: [portal]}\n",
                        "scenario.yaml:8: clients[0].tenant: tenant 'fabrikam' is not in the scenario's tenants list"),
                Arguments.of(HEAD + "clients:\n  - {id: c, place: Berlin, resolver: home, local_resolver: vpn,"
                        + " lookups: [portal]}\n",
                        "clients[0].local_resolver: 'vpn' is a VPN resolver; the baseline must be kind: local"),
                Arguments.of(HEAD + "clients:\n  - {id: c, place: Berlin, resolver: home, lookups: [portal]}\n"
                        + "events:\n  - {at_round: 0, drain: atlantis}\n",
                        "scenario.yaml:9: events[0].drain: unknown site 'atlantis'"),
                Arguments.of(HEAD + "rounds: 2\nround_seconds: 10\nclients:\n  - {id: c, place: Berlin, resolver: home,"
                        + " lookups: [portal]}\nevents:\n  - {at_round: 0, at_seconds: 3, drain: fra}\n",
                        "scenario.yaml:11: events[0]: give exactly one of at_round and at_seconds"),
                Arguments.of(HEAD + "clients:\n  - {id: c, place: Berlin, resolver: home, lookups: [portal]}\n"
                        + "events:\n  - {at_seconds: 3, drain: fra}\n",
                        "scenario.yaml:9: events[0].at_seconds: needs round_seconds > 0"),
                Arguments.of(HEAD + "clients:\n  - {id: c, place: Berlin, resolver: home, lookups: [portal]}\n"
                        + "expect:\n  - {client: c, lookup: exchange, site: fra}\n",
                        "scenario.yaml:9: expect[0].lookup: client c does not look up 'exchange'"),
                Arguments.of(HEAD + "clients:\n  - {id: c, place: Berlin, resolver: home, lookups: [portal]}\n"
                        + "expect:\n  - {client: c, lookup: portal, penalty_ms: {}}\n",
                        "scenario.yaml:9: expect[0].penalty_ms: give min, max or both"),
                Arguments.of(HEAD + "clients:\n  - {id: c, place: Berlin, resolver: home, lookups: [portal]}\n"
                        + "expect:\n  - {client: c, lookup: portal}\n",
                        "scenario.yaml:9: expect[0]: nothing to check"),
                Arguments.of(HEAD + "clients:\n  - {id: c, place: Berlin, resolver: home, lookups: [portal]}\n"
                        + "expect:\n  - {client: c, lookup: portal, site: fra, software: dnsmaq}\n",
                        "scenario.yaml:9: expect[0].software: unknown software 'dnsmaq': must be one of emulated,"
                                + " unbound, pdns-recursor, knot-resolver, dnsmasq; did you mean 'dnsmasq'?"),
                Arguments.of(HEAD + "clients:\n  - {id: c, place: Berlin, resolver: home, lookups: [portal]}\n"
                        + "expect:\n  - {client: c, lookup: portal, site: fra, software: unbound,\n"
                        + "     unless_software: [dnsmasq]}\n",
                        "scenario.yaml:10: expect[0].unless_software: give software or unless_software, not both"),
                Arguments.of(HEAD + "clients:\n  - {id: c, place: Berlin, resolver: home, lookups: [portal]}\n"
                        + "expect:\n  - {client: c, lookup: portal, site: fra, unless_software: []}\n",
                        "scenario.yaml:9: expect[0].unless_software: name at least one software"),
                Arguments.of("name: t\ndescription: d\nresolvers:\n  - {id: r, place: Berlin, ecs: client-99}\n"
                        + "clients: [{id: c, place: Berlin, resolver: r, lookups: [portal]}]\n",
                        "scenario.yaml:4: resolvers[0].ecs: the prefix length must be 1..32"),
                Arguments.of("name: t\ndescription: d\nresolvers:\n  - {id: r, place: Berlin, ecs: tunnel-24}\n"
                        + "clients: [{id: c, place: Berlin, resolver: r, lookups: [portal]}]\n",
                        "scenario.yaml:4: resolvers[0].ecs: tunnel-24 is only for kind: vpn"),
                Arguments.of("name: t\ndescription: d\nresolvers:\n  - {id: r, place: Berlin, tunnel: full}\n"
                        + "clients: [{id: c, place: Berlin, resolver: r, lookups: [portal]}]\n",
                        "scenario.yaml:4: resolvers[0].tunnel: only for kind: vpn"),
                Arguments.of(HEAD + "rounds: many\nclients: [{id: c, place: Berlin, resolver: home, lookups: [portal]}]\n",
                        "scenario.yaml:6: rounds: expected an integer, got the string 'many'"),
                Arguments.of(HEAD + "model: {stretch: 0.5}\nclients: [{id: c, place: Berlin, resolver: home, lookups: [portal]}]\n",
                        "scenario.yaml:6: model.stretch: must be at least 1"),
                Arguments.of(HEAD + "name: again\nclients: [{id: c, place: Berlin, resolver: home, lookups: [portal]}]\n",
                        "scenario.yaml:6: name: duplicate key (first given at line 1)"),
                Arguments.of(HEAD + "clients: [{id: c, place: Berlin, resolver: home, lookups: [portal, portal]}]\n",
                        "scenario.yaml:6: clients[0].lookups: 'portal' is listed twice"),
                Arguments.of(HEAD + "clients: [{id: c, place: {latitude: 95, longitude: 0}, address: 127.0.6.9,"
                        + " resolver: home, lookups: [portal]}]\n",
                        "scenario.yaml:6: clients[0].place.latitude: must be within [-90, 90]"),
                Arguments.of(HEAD + "clients: [{id: c, place: Berlin, resolver: home, lookups: [portal]\n",
                        "scenario.yaml:6: (root): YAML syntax error"),
                Arguments.of(HEAD + "round_seconds: .inf\n" + "clients: [{id: c, place: Berlin, resolver: home, lookups: [portal]}]\n",
                        "scenario.yaml:6: (root): YAML syntax error"),
                Arguments.of(HEAD + "world: does-not-exist.yaml\n"
                        + "clients: [{id: c, place: Berlin, resolver: home, lookups: [portal]}]\n",
                        "scenario.yaml:6: world: the world file is invalid"),
                // real resolvers
                Arguments.of(REAL + "  - {id: r, place: Berlin, kind: unbound}\n" + CLIENT,
                        "scenario.yaml:4: resolvers[0].kind: must be local or vpn, not 'unbound' (kind says where the"
                                + " resolver stands; the program that plays it goes in software: unbound)"),
                Arguments.of(REAL + "  - {id: r, place: Berlin, software: bind9}\n" + CLIENT,
                        "scenario.yaml:4: resolvers[0].software: must be emulated (default), unbound, pdns-recursor,"
                                + " knot-resolver, dnsmasq, not 'bind9'"),
                Arguments.of(REAL + "  - {id: r, place: Berlin, software: unbound, ecs: 203.0.113.0/24}\n" + CLIENT,
                        "scenario.yaml:4: resolvers[0].ecs: a real resolver (unbound) cannot send the fixed subnet"
                                + " 203.0.113.0/24"),
                Arguments.of(REAL + "  - {id: r, place: Berlin, software: knot-resolver, ecs: client-24}\n" + CLIENT,
                        "scenario.yaml:4: resolvers[0].ecs: knot-resolver cannot send ECS"),
                Arguments.of(REAL + "  - {id: r, place: Berlin, binary: /usr/sbin/unbound}\n" + CLIENT,
                        "scenario.yaml:4: resolvers[0].binary: only for a real resolver"),
                Arguments.of(REAL + "  - {id: r, place: Berlin, software: unbound, binary: sbin/unbound}\n" + CLIENT,
                        "scenario.yaml:4: resolvers[0].binary: must be an absolute path"),
                Arguments.of("name: t\ndescription: d\nstub_client: nslookup\nresolvers: [{id: r, place: Berlin}]\n"
                        + CLIENT, "scenario.yaml:3: stub_client: must be dnsjava, dig or kdig, not 'nslookup'"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void badScenarioIsRejectedWithFileLineKeyAndReason(String yaml, String expected) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class,
                () -> ScenarioLoader.parse(yaml, "scenario.yaml", java.nio.file.Path.of("/nonexistent")));
        assertThat(e).as("scenario should be rejected:\n" + yaml).isNotNull();
        assertThat(e.getMessage()).contains(expected);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void everyErrorNamesTheFile(String yaml, String expected) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class,
                () -> ScenarioLoader.parse(yaml, "scenario.yaml", java.nio.file.Path.of("/nonexistent")));
        assertThat(e.errors()).allSatisfy(err -> assertThat(err.toString()).startsWith("scenario.yaml:"));
    }
}
