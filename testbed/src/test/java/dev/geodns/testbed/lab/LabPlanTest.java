package dev.geodns.testbed.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodns.config.model.Cidr;
import dev.geodns.config.model.LabNetwork;
import dev.geodns.testbed.scenario.BuiltInScenarios;
import dev.geodns.testbed.scenario.MeasuredExpectation;
import dev.geodns.testbed.scenario.MeasuredExpectationBinder;
import dev.geodns.testbed.scenario.Scenario;
import dev.geodns.testbed.scenario.ScenarioException;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lab worked out without root: names, addresses, located places, tunnels, and the probes' parsers. */
class LabPlanTest {
    final Scenario vpnShift = BuiltInScenarios.load("vpn-shift");
    final LabPlan plan = LabPlan.of("vpn-shift", "vpn-shift", vpnShift);

    @Test
    void everyNamespaceAndVethCarriesTheLabPrefixAndFitsTheKernelLimit() {
        Set<String> names = new HashSet<>();
        for (LabNode n : plan.nodes()) {
            assertTrue(n.namespace().startsWith("gdl-vpn-shift-"), n.namespace());
            assertTrue(names.add(n.namespace()), "unique " + n.namespace());
            if (n.role() != LabRole.ROUTER) {
                assertTrue(n.veth().length() <= 15 && n.routerVeth().length() <= 15, n.veth());
                assertTrue(n.veth().startsWith(LabNames.VETH_PREFIX));
            }
        }
        for (LabTunnel t : plan.tunnels()) {
            assertTrue(t.veth().length() <= 15 && t.officeVeth().length() <= 15, t.veth());
        }
        assertEquals(1 + 1 + 1 + 2 + 3 + 3, plan.nodes().size(), "router, dns, sites, 2 offices, 3 resolvers, 3 clients");
    }

    @Test
    void labAddressesStayInTheirOwnRangeClearOfEverySiteAnswer() throws Exception {
        Cidr own = Cidr.parse(LabPlan.LAB_OWN);
        for (LabNode n : plan.nodes()) {
            if (n.address() != null) {
                assertTrue(own.contains(InetAddress.getByName(n.address())), n.address());
            }
        }
        for (String net : plan.siteNetworks()) {
            Cidr c = Cidr.parse(net);
            assertTrue(Cidr.parse(LabPlan.PLAN).covers(c) && !own.covers(c) && !c.covers(own), net);
        }
        assertEquals(vpnShift.world().sites().size(), plan.siteNetworks().size());
    }

    @Test
    void clientsAreLocatedWhereTheScenarioPutsThemAndTunnelAddressesAtTheOffice() throws Exception {
        dev.geodns.config.compiled.LabPlan located = new dev.geodns.config.compiled.LabPlan(
                LabWorld.of(vpnShift.world(), plan.networks()).networks());
        LabNode home = plan.node(LabRole.CLIENT, "berlin-home").orElseThrow();
        assertEquals("Berlin", located.networkOf(InetAddress.getByName(home.address())).place().city());
        LabTunnel full = plan.tunnelOf("berlin-full").orElseThrow();
        assertTrue(full.full());
        assertEquals(plan.siteNetworks(), full.throughOffice());
        LabNetwork office = located.networkOf(InetAddress.getByName(full.clientAddress()));
        assertTrue(office.place().label().startsWith("Seattle"), office.place().label());
        assertTrue(plan.tunnelOf("berlin-home").isEmpty());
    }

    @Test
    void theFrontDoorsLearnEveryTunnelExitWithThePlaceOfTheClientBehindIt() throws Exception {
        java.util.Map<Cidr, dev.geodns.config.model.Place> exits = plan.tunnelExits();
        assertEquals(plan.tunnels().size(), exits.size());
        dev.geodns.config.compiled.LabPlan located = new dev.geodns.config.compiled.LabPlan(
                LabWorld.of(vpnShift.world(), plan.networks()).networks());
        for (LabTunnel t : plan.tunnels()) {
            dev.geodns.config.model.Place behind = exits.get(Cidr.parse(t.clientAddress() + "/32"));
            assertEquals(plan.node(LabRole.CLIENT, t.client()).orElseThrow().place(), behind, t.client());
            assertEquals("Berlin", behind.city(), t.client());
            // the exit itself is located at the office: the front door's access leg starts there
            assertTrue(located.networkOf(InetAddress.getByName(t.clientAddress())).place().label()
                    .startsWith("Seattle"), t.clientAddress());
        }
        // the client's own link address is no tunnel exit: direct traffic pays no tunnel leg
        LabNode split = plan.node(LabRole.CLIENT, "berlin-split").orElseThrow();
        assertTrue(exits.keySet().stream().noneMatch(c -> {
            try {
                return c.contains(InetAddress.getByName(split.address()));
            } catch (java.net.UnknownHostException e) {
                throw new AssertionError(e);
            }
        }));
    }

    @Test
    void aSplitTunnelSendsOptimizeSitesDirectAndTheRestThroughTheOffice() {
        LabTunnel split = plan.tunnelOf("berlin-split").orElseThrow();
        assertTrue(!split.full());
        String fra = net("fra");
        String spoEdge = net("spo-edge");
        // Exchange's front doors are Optimize: direct; SharePoint's modern edge is Default: through Seattle
        assertTrue(!split.throughOffice().contains(fra), split.throughOffice().toString());
        assertTrue(split.throughOffice().contains(spoEdge), split.throughOffice().toString());
        assertTrue(plan.siteNetworks().containsAll(split.throughOffice()));
    }

    private String net(String siteId) {
        java.net.Inet4Address a = vpnShift.world().site(siteId).orElseThrow().ipv4().get(0);
        return dev.geodns.config.model.Cidr.of(a, 24).toString();
    }

    @Test
    void theLabWorldAnswersIpv4Only() {
        assertTrue(LabWorld.of(vpnShift.world(), plan.networks()).sites().stream().allMatch(s -> s.ipv6().isEmpty()));
    }

    @Test
    void labIdsAreCheckedAndDerivedFromScenarioNames() {
        assertEquals("vpn-shift", LabNames.idFor("vpn-shift"));
        assertEquals("my-lab-1", LabNames.idFor("My Lab 1"));
        assertThrows(IllegalArgumentException.class, () -> LabNames.checkId("../etc"));
    }

    @Test
    void curlAndDigOutputIsParsed() {
        HttpProbe.Reply r = HttpProbe.parse("HTTP/1.1 200 OK\r\nX-FEServer: FRA-FE01\r\nX-GeoDNS-Site: fra (FRA)\r\n\r\n"
                + "\n@@timings 0.004 0.005 0.110 198.18.63.1 200\n", null);
        assertEquals("FRA-FE01", r.header("x-feserver"));
        assertEquals(106, r.ttfbAfterDnsMs(), 1e-6);
        assertEquals(200, r.status());
        assertEquals("FRA-FE01", LabRun.frontDoor(r));
        DnsProbe.Answer a = DnsProbe.parse("outlook.office365.com. 300 IN CNAME x.\nx. 10 IN A 198.18.63.1\n"
                + ";; Query time: 7 msec\n");
        assertEquals(List.of("198.18.63.1"), a.addresses());
        assertEquals(7, a.ms());
        assertEquals(2.0, HttpProbe.median(List.of(3.0, 1.0, 2.0)));
    }

    @Test
    void measuredExpectationsBindBesideTheModelledOnes() throws ScenarioException {
        String text = BuiltInScenarios.text("vpn-shift").replace(
                "- {client: berlin-home, lookup: exchange, continent: EU}",
                "- {client: berlin-home, lookup: exchange, continent: EU, measured_ms: {max: 400}}\n"
                        + "  - {client: berlin-split, lookup: exchange, measured_ms: {min: 100}}");
        dev.geodns.testbed.scenario.ScenarioLoader.parse(text, "t.yaml", null);
        List<MeasuredExpectation> m = MeasuredExpectationBinder.bind(text, "t.yaml");
        assertEquals(2, m.size());
        assertEquals("berlin-split exchange: measured ttfb >= 100 ms", m.get(1).describe());
        assertThrows(ScenarioException.class, () -> MeasuredExpectationBinder.bind(
                text.replace("measured_ms: {min: 100}", "measured_ms: {}"), "t.yaml"));
    }
}
