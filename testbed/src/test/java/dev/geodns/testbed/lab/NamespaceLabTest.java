package dev.geodns.testbed.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.geodns.config.model.Continent;
import dev.geodns.config.model.Site;
import dev.geodns.testbed.runner.LookupResult;
import dev.geodns.testbed.runner.RunResult;
import dev.geodns.testbed.runner.ScenarioRunner;
import dev.geodns.testbed.scenario.BuiltInScenarios;
import dev.geodns.testbed.scenario.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The namespace lab for real (root only): vpn-shift, then teams-vpn, as namespaces, real programs as
 * their clients. Skipped with the reason when not root and CI is unset; fails when CI is set and the
 * lab cannot run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class NamespaceLabTest {
    /**
     * How far the measured difference of time to first byte may fall short of the model's penalty, and
     * how far one measured time to first byte may stand from the model's round trip: process and
     * scheduling noise of curl runs on a busy two-core machine.
     */
    static final double TOLERANCE_MS = 20;
    static final String LAB = "t-vpnshift";
    static final String TEAMS_LAB = "t-teamsvpn";
    static Path root;
    static Scenario scenario;
    static LabPlan plan;
    static LabState state;
    static final List<String> log = new ArrayList<>();
    static Scenario teamsScenario;
    static LabPlan teamsPlan;

    @BeforeAll
    static void up() throws Exception {
        String why = LabHost.unavailable();
        if (why != null) {
            if (inCi()) {
                fail("CI must run the namespace lab as root with its tools installed: " + why);
            }
            Assumptions.abort("skipped: " + why + " (the namespace lab test runs in CI, as root)");
        }
        root = Files.createTempDirectory("geodns-lab-test-");
        scenario = BuiltInScenarios.load("vpn-shift");
        plan = LabPlan.of(LAB, "vpn-shift", scenario);
        state = new LabUp(root, log::add).up(plan, scenario);
    }

    @AfterAll
    static void down() throws Exception {
        if (root != null) {
            new LabDown(root, log::add).down(LAB);
            new LabDown(root, log::add).down(TEAMS_LAB);
            assertNothingLeft(LAB, plan);
            if (teamsPlan != null) {
                assertNothingLeft(TEAMS_LAB, teamsPlan);
            }
            LabDown.deleteTree(root);
        }
    }

    @Test
    @Order(1)
    void berlinHomeReachesAEuropeanFrontDoorByCurlThroughLabExec() throws Exception {
        String out = cli("exec", "berlin-home", "--", "curl", "-s", "-D-", "-o", "/dev/null",
                "http://outlook.office365.com/owa/");
        Site site = siteOf(out);
        assertEquals(Continent.EU, site.place().continent(), out);
        assertTrue(header(out, "X-FEServer").startsWith(site.code() + "-"), out);
    }

    @Test
    @Order(2)
    void berlinSplitReachesANorthAmericanFrontDoor() throws Exception {
        String out = cli("exec", "berlin-split", "--", "curl", "-s", "-D-", "-o", "/dev/null",
                "http://outlook.office365.com/owa/");
        Site site = siteOf(out);
        assertEquals(Continent.NA, site.place().continent(), out);
        assertTrue(header(out, "X-FEServer").startsWith(site.code() + "-"), out);
    }

    @Test
    @Order(3)
    void berlinSplitMeasuresTheModelsPenaltyOverBerlinHome() throws Exception {
        RunResult model = new ScenarioRunner(LabRun.emulated(scenario)).run();
        LookupResult split = model.result("berlin-split", "exchange").orElseThrow();
        double home = ttfb(plan, "berlin-home", EXCHANGE, "X-FEServer");
        double viaSeattle = ttfb(plan, "berlin-split", EXCHANGE, "X-FEServer");
        System.out.println("lab figures: exchange berlin-home " + home + " ms (model "
                + model.result("berlin-home", "exchange").orElseThrow().rttMs() + "), berlin-split " + viaSeattle
                + " ms (model " + split.rttMs() + ")");
        assertTrue(viaSeattle - home >= split.penaltyMs() - TOLERANCE_MS, "berlin-split " + viaSeattle
                + " ms, berlin-home " + home + " ms, model penalty " + split.penaltyMs() + " ms");
    }

    /**
     * The full tunnel's own leg is applied too: berlin-full's time to first byte is the model's whole
     * tunnelled path (Berlin -> Seattle, Seattle -> front door, backbone), and exceeds berlin-split's by
     * the model's difference less the tolerance. (That difference is small for Exchange, about 3 ms: both
     * reach the same North American front door, one through Seattle; without the tunnel leg berlin-full
     * measured about 110 ms less than berlin-split, far outside.)
     */
    @Test
    @Order(4)
    void berlinFullMeasuresTheModelsTunnelledPath() throws Exception {
        RunResult model = new ScenarioRunner(LabRun.emulated(scenario)).run();
        LookupResult full = model.result("berlin-full", "exchange").orElseThrow();
        String ns = plan.node(LabRole.CLIENT, "berlin-full").orElseThrow().namespace();
        HttpProbe.Reply r = HttpProbe.get(ns, EXCHANGE);
        assertNotNull(r.header("X-GeoDNS-Tunnel"), "the front door names the tunnel leg: " + r.headers());
        double measured = ttfb(plan, "berlin-full", EXCHANGE, "X-FEServer");
        double split = ttfb(plan, "berlin-split", EXCHANGE, "X-FEServer");
        LookupResult splitModel = model.result("berlin-split", "exchange").orElseThrow();
        String figures = "exchange berlin-full measured " + measured + " ms, applied " + r.header("X-GeoDNS-Delay-Ms")
                + " ms, model " + full.rttMs() + " ms; berlin-split measured " + split + " ms, model "
                + splitModel.rttMs() + " ms";
        System.out.println("lab figures: " + figures);
        assertEquals(full.rttMs(), Double.parseDouble(r.header("X-GeoDNS-Delay-Ms")), 0.06, figures);
        assertTrue(Math.abs(measured - full.rttMs()) <= TOLERANCE_MS, figures);
        assertTrue(full.rttMs() > splitModel.rttMs(), figures);
        assertTrue(measured - split >= full.rttMs() - splitModel.rttMs() - TOLERANCE_MS, figures);
    }

    @Test
    @Order(5)
    void getentAnswersThroughTheRealResolverInTheLab() throws Exception {
        LabNode resolver = plan.node(LabRole.RESOLVER, "berlin-isp").orElseThrow();
        LabNode client = plan.node(LabRole.CLIENT, "berlin-home").orElseThrow();
        String conf = Files.readString(Path.of("/etc/netns", client.namespace(), "resolv.conf"));
        assertTrue(conf.contains("nameserver " + resolver.address()), conf);
        List<Long> pids = LabDown.pidsIn(resolver.namespace());
        assertTrue(pids.stream().anyMatch(p -> LabDown.commandLine(p).contains("unbound")),
                "unbound runs in " + resolver.namespace());
        String out = cli("exec", "berlin-home", "--", "getent", "hosts", "outlook.office365.com");
        String address = out.trim().split("\\s+")[0];
        Site fra = scenario.world().sites().stream()
                .filter(s -> s.ipv4().stream().anyMatch(a -> a.getHostAddress().equals(address)))
                .findFirst().orElseThrow(() -> new AssertionError("no site answers from " + out));
        assertEquals(Continent.EU, fra.place().continent(), out);
        assertTrue(out.contains("outlook.office365.com"), out);
    }

    @Test
    @Order(6)
    void noLabNamespaceHasARouteOffTheMachine() throws Exception {
        String hostIp = hostUplinkAddress();
        for (String ns : plan.namespaces()) {
            assertEquals("", Commands.ip("-n", ns, "route", "show", "default").trim(), ns + " has a default route");
            for (String line : Commands.ip("-n", ns, "-4", "route", "show", "table", "all").split("\n")) {
                assertTrue(line.isBlank() || line.contains("198.18.") || line.contains("198.19.")
                        || line.contains("127.") || line.startsWith("local ") && line.contains(" lo "),
                        ns + " routes outside the plan: " + line);
            }
            if (hostIp != null) {
                assertFalse(Commands.run(List.of("ip", "-n", ns, "route", "get", hostIp), Duration.ofSeconds(5)).ok(),
                        ns + " has a route to the host's address " + hostIp);
            }
        }
        if (hostIp != null) {
            // From inside the lab, connecting to the host's own uplink address fails at once: no route.
            Commands.Result r = Commands.run(Commands.inNamespace(plan.node(LabRole.CLIENT, "berlin-full")
                    .orElseThrow().namespace(), List.of("curl", "-s", "--connect-timeout", "2", "http://" + hostIp
                    + "/")), Duration.ofSeconds(10));
            assertEquals(7, r.exit(), "curl to " + hostIp + " from the lab: " + r.err());
        }
        assertFalse(Commands.ip("-o", "link").contains(vethPrefix()), "a lab veth in the host namespace");
    }

    @Test
    @Order(7)
    void statusNamesEveryNamespaceAndEachClientsResolver() throws Exception {
        String out = cli("status");
        for (String ns : plan.namespaces()) {
            assertTrue(out.contains(ns), ns + " in\n" + out);
        }
        assertTrue(out.contains("berlin-split 198.19.252.") && out.contains("resolver seattle-vpn-split"), out);
        assertFalse(out.contains(" gone "), out);
    }

    @Test
    @Order(8)
    void aSecondUpCleansTheLabLeftBehindFirst() throws Exception {
        List<Long> before = state.processes().stream().map(LabState.Started::pid).toList();
        state = new LabUp(root, log::add).up(plan, scenario);
        for (long pid : before) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "old pid " + pid);
        }
        List<Long> after = state.processes().stream().map(LabState.Started::pid).toList();
        assertEquals(before.size(), after.size());
        assertNotEquals(before, after);
        assertTrue(after.stream().allMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)));
    }

    @Test
    @Order(9)
    void downRemovesEverythingAndIsSafeTwice() throws Exception {
        String out = cli("down");
        assertEquals(plan.namespaces().size(), Integer.parseInt(out.replaceAll("(?s).*lab down: (\\d+).*", "$1")), out);
        assertNothingLeft(LAB, plan);
        assertTrue(cli("down", "--id", LAB).contains("lab down: 0 namespace(s) removed"));
    }

    /** teams-vpn: Teams' anycast answer is the same whichever resolver asks (the VPN's or the ISP's). */
    @Test
    @Order(10)
    void teamsVpnGivesBothBerlinVpnClientsTheSameTeamsAnswer() throws Exception {
        teamsScenario = BuiltInScenarios.load("teams-vpn");
        teamsPlan = LabPlan.of(TEAMS_LAB, "teams-vpn", teamsScenario);
        new LabUp(root, log::add).up(teamsPlan, teamsScenario);
        List<String> split = teamsAnswer("berlin-split");
        List<String> full = teamsAnswer("berlin-full");
        assertFalse(split.isEmpty(), "no A record for the Teams name");
        assertEquals(split, full, "the Teams answer differs between the split and the full tunnel client");
        assertEquals(split, teamsAnswer("berlin-home"));
    }

    /**
     * teams-vpn: the full tunnel client reaches the office's (North American) Teams edge after its own
     * tunnel leg, the split one the Berlin edge directly, so the full tunnel measures the longer path:
     * longer by at least the model's difference less the tolerance.
     */
    @Test
    @Order(11)
    void teamsVpnFullTunnelClientMeasuresTheLongerPath() throws Exception {
        assertNotNull(teamsPlan, "teams-vpn is up (the previous test)");
        RunResult model = new ScenarioRunner(LabRun.emulated(teamsScenario)).run();
        LookupResult splitModel = model.result("berlin-split", "teams").orElseThrow();
        LookupResult fullModel = model.result("berlin-full", "teams").orElseThrow();
        double split = ttfb(teamsPlan, "berlin-split", TEAMS, "X-MSEdge-Ref");
        double full = ttfb(teamsPlan, "berlin-full", TEAMS, "X-MSEdge-Ref");
        HttpProbe.Reply splitReply = HttpProbe.get(teamsPlan.node(LabRole.CLIENT, "berlin-split").orElseThrow()
                .namespace(), TEAMS);
        HttpProbe.Reply fullReply = HttpProbe.get(teamsPlan.node(LabRole.CLIENT, "berlin-full").orElseThrow()
                .namespace(), TEAMS);
        String figures = "teams berlin-split measured " + split + " ms, applied " + splitReply.header(
                "X-GeoDNS-Delay-Ms") + " ms, model " + splitModel.rttMs() + " ms at " + splitReply.header(
                "X-GeoDNS-Site") + "; berlin-full measured " + full + " ms, applied " + fullReply.header(
                "X-GeoDNS-Delay-Ms") + " ms, model " + fullModel.rttMs() + " ms at " + fullReply.header(
                "X-GeoDNS-Site");
        System.out.println("lab figures: " + figures);
        Site splitEdge = siteOf(teamsScenario, splitReply.header("X-GeoDNS-Site"));
        Site fullEdge = siteOf(teamsScenario, fullReply.header("X-GeoDNS-Site"));
        assertEquals(Continent.EU, splitEdge.place().continent(), figures);
        assertEquals(Continent.NA, fullEdge.place().continent(), figures);
        assertNotNull(fullReply.header("X-GeoDNS-Tunnel"), figures);
        assertTrue(full - split >= fullModel.rttMs() - splitModel.rttMs() - TOLERANCE_MS, figures);
        assertTrue(Math.abs(full - fullModel.rttMs()) <= TOLERANCE_MS, figures);
    }

    /** The A records of the Teams name as {@code dig +short}, run by {@code lab exec} as the client, sorted. */
    static List<String> teamsAnswer(String client) throws Exception {
        String out = cli("exec", "--id", TEAMS_LAB, client, "--", "dig", "+short", "+time=2", "+tries=2",
                "teams.microsoft.com", "A");
        return out.lines().map(String::trim).filter(l -> l.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")).sorted()
                .toList();
    }

    static void assertNothingLeft(String lab, LabPlan labPlan) throws Exception {
        String prefix = LabNames.namespacePrefix(lab);
        assertTrue(LabDown.existingNamespaces().stream().noneMatch(n -> n.startsWith(prefix)),
                "namespaces left: " + LabDown.existingNamespaces());
        assertFalse(Commands.ip("-o", "link").contains(vethPrefix(lab)), "veths left");
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> LabDown.commandLine(p.pid()).contains(
                root.resolve(lab).toString())), "processes left");
        for (String ns : labPlan.namespaces()) {
            assertFalse(Files.exists(Path.of("/etc/netns", ns)), "/etc/netns/" + ns + " left");
        }
        assertFalse(Files.exists(root.resolve(lab)), "state directory left");
    }

    /** {@code gl} and the lab's hash: every veth of this lab starts so. */
    static String vethPrefix() {
        return vethPrefix(LAB);
    }

    static String vethPrefix(String lab) {
        return LabNames.veth(lab, 0, 'n').substring(0, 6);
    }

    /** The host's own address on its default route's interface, or null (read from the tables; nothing is sent). */
    static String hostUplinkAddress() throws Exception {
        String route = Commands.run(List.of("ip", "-4", "route", "show", "default"), Duration.ofSeconds(5)).out();
        String[] f = route.trim().split("\\s+");
        for (int i = 0; i + 1 < f.length; i++) {
            if (f[i].equals("dev")) {
                String addr = Commands.run(List.of("ip", "-4", "-o", "addr", "show", "dev", f[i + 1]),
                        Duration.ofSeconds(5)).out();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("inet (\\S+)/").matcher(addr);
                return m.find() ? m.group(1) : null;
            }
        }
        return null;
    }

    static final String EXCHANGE = "http://outlook.office365.com/owa/";
    static final String TEAMS = "http://teams.microsoft.com/";

    /**
     * The least time to first byte (after DNS) of five requests after one warm-up (which must carry
     * {@code header}): scheduling noise on a busy machine only adds, so the least is the path's own figure.
     */
    static double ttfb(LabPlan in, String client, String url, String header) throws Exception {
        String ns = in.node(LabRole.CLIENT, client).orElseThrow().namespace();
        HttpProbe.Reply warm = HttpProbe.get(ns, url);
        assertNotNull(warm.header(header), client + " " + url + ": " + warm.error() + " " + warm.headers());
        List<Double> v = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            v.add(HttpProbe.get(ns, url).ttfbAfterDnsMs());
        }
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    static Site siteOf(String curlOut) {
        return siteOf(scenario, header(curlOut, "X-GeoDNS-Site"));
    }

    /** The site an {@code X-GeoDNS-Site} value names ({@code fra (FRA, Frankfurt, DE)}). */
    static Site siteOf(Scenario in, String siteHeader) {
        assertNotNull(siteHeader, "no X-GeoDNS-Site header");
        return in.world().site(siteHeader.split("\\s+")[0]).orElseThrow();
    }

    static String header(String out, String name) {
        for (String line : out.split("\r?\n")) {
            if (line.toLowerCase().startsWith(name.toLowerCase() + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new AssertionError("no " + name + " header in:\n" + out);
    }

    /** Runs {@code geodns-testbed lab ARGS} as its own process (as a user would) and returns its standard output. */
    static String cli(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.geodns.testbed.cli.Main", "lab", args[0],
                "--state-root", root.toString()));
        cmd.addAll(List.of(args).subList(1, args.length));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "lab " + String.join(" ", args) + ": " + err);
        return new String(out, StandardCharsets.UTF_8);
    }

    static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }
}
