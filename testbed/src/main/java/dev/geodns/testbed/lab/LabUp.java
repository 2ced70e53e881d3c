package dev.geodns.testbed.lab;

import dev.geodns.config.WorldCompiler;
import dev.geodns.config.WorldException;
import dev.geodns.testbed.resolvers.EcsMode;
import dev.geodns.testbed.resolvers.ResolverConfig;
import dev.geodns.testbed.resolvers.ResolverKind;
import dev.geodns.testbed.scenario.ResolverSpec;
import dev.geodns.testbed.scenario.Scenario;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds a {@link LabPlan} on this machine: namespaces, veth pairs, addresses and routes (every lab
 * namespace has routes into {@value LabPlan#PLAN} only, never a default route), the clients'
 * {@code resolv.conf}, and the processes: the emulator, the front doors and one real resolver per
 * scenario resolver. Every object is recorded in the {@link LabState} before it is made; on any
 * failure the lab is taken down again. A lab of the same id left behind is taken down first.
 */
public final class LabUp {
    private static final Duration DAEMON_START = Duration.ofSeconds(90);
    private static final Duration RESOLVER_START = Duration.ofSeconds(15);
    private final Path root;
    private final Consumer<String> log;

    public LabUp(Path root, Consumer<String> log) {
        this.root = root;
        this.log = log;
    }

    /** Brings up {@code plan}, the lab of {@code scenario}; returns its state. */
    public LabState up(LabPlan plan, Scenario scenario) throws IOException, InterruptedException {
        LabDown down = new LabDown(root, log);
        if (LabState.load(root, plan.id()) != null || LabDown.existingNamespaces().stream()
                .anyMatch(ns -> ns.startsWith(LabNames.namespacePrefix(plan.id())))) {
            log.accept("lab " + plan.id() + " was left behind: taking it down first");
            down.down(plan.id());
        }
        LabState state = LabState.create(root, plan.id(), plan.scenario());
        state.save();
        try {
            network(plan, scenario, state);
            startDaemon(state, plan.emulator().namespace(), "dns");
            startDaemon(state, plan.sites().namespace(), "front-doors");
            startResolvers(plan, scenario, state);
            return state;
        } catch (IOException | InterruptedException | RuntimeException e) {
            log.accept("lab up failed, taking the lab down: " + e.getMessage());
            down.down(plan.id());
            throw e;
        }
    }

    private void network(LabPlan plan, Scenario scenario, LabState state) throws IOException, InterruptedException {
        for (String ns : plan.namespaces()) {
            state.addNamespace(ns);
            Commands.ip("netns", "add", ns);
            Commands.ip("-n", ns, "link", "set", "lo", "up");
        }
        LabNode router = plan.router();
        forwarding(router.namespace());
        for (LabNode n : plan.nodes()) {
            if (n.role() == LabRole.ROUTER) {
                continue;
            }
            Commands.ip("-n", router.namespace(), "link", "add", n.routerVeth(), "type", "veth", "peer", "name",
                    n.veth(), "netns", n.namespace());
            Commands.ip("-n", router.namespace(), "addr", "add", n.gateway() + "/30", "dev", n.routerVeth());
            Commands.ip("-n", n.namespace(), "addr", "add", n.address() + "/30", "dev", n.veth());
            Commands.ip("-n", router.namespace(), "link", "set", n.routerVeth(), "up");
            Commands.ip("-n", n.namespace(), "link", "set", n.veth(), "up");
            // Into the plan only: no default route, so nothing has a way off the machine.
            Commands.ip("-n", n.namespace(), "route", "add", LabPlan.PLAN, "via", n.gateway());
            if (n.role() == LabRole.OFFICE) {
                forwarding(n.namespace());
            }
        }
        LabNode sites = plan.sites();
        Commands.ip("-n", router.namespace(), "route", "add", LabPlan.PLAN, "via", sites.address());
        List<String> local = new ArrayList<>();
        for (String net : plan.siteNetworks()) {
            // The sites namespace takes every address of the site's /24 as its own (no address to add per site).
            local.add("route add local " + net + " dev lo");
        }
        batch(state, sites.namespace(), local);
        for (LabTunnel t : plan.tunnels()) {
            LabNode office = plan.node(LabRole.OFFICE, t.office()).orElseThrow();
            LabNode client = plan.node(LabRole.CLIENT, t.client()).orElseThrow();
            Commands.ip("-n", office.namespace(), "link", "add", t.officeVeth(), "type", "veth", "peer", "name",
                    t.veth(), "netns", client.namespace());
            Commands.ip("-n", office.namespace(), "addr", "add", t.officeAddress() + "/30", "dev", t.officeVeth());
            Commands.ip("-n", client.namespace(), "addr", "add", t.clientAddress() + "/30", "dev", t.veth());
            Commands.ip("-n", office.namespace(), "link", "set", t.officeVeth(), "up");
            Commands.ip("-n", client.namespace(), "link", "set", t.veth(), "up");
            Commands.ip("-n", router.namespace(), "route", "add", t.clientAddress() + "/32", "via",
                    office.address());
            List<String> routes = new ArrayList<>();
            for (String net : t.throughOffice()) {
                routes.add("route add " + net + " via " + t.officeAddress() + " src " + t.clientAddress());
            }
            batch(state, client.namespace(), routes);
        }
        for (LabNode c : plan.nodes()) {
            if (c.role() == LabRole.CLIENT) {
                resolvConf(plan, scenario, state, c);
            }
        }
    }

    /** The client's resolver, as {@code ip netns exec} shows it to every program run as the client. */
    private void resolvConf(LabPlan plan, Scenario scenario, LabState state, LabNode client) throws IOException {
        String resolverId = scenario.client(client.id()).orElseThrow().resolver();
        LabNode resolver = plan.node(LabRole.RESOLVER, resolverId).orElseThrow();
        Path dir = Path.of("/etc/netns", client.namespace());
        state.addFile(dir.toString());
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("resolv.conf"), "# written by geodns-testbed lab " + plan.id() + ": "
                + client.id() + " asks resolver " + resolverId + "\nnameserver " + resolver.address()
                + "\noptions timeout:2 attempts:2\n", StandardCharsets.UTF_8);
    }

    private void forwarding(String ns) throws IOException, InterruptedException {
        // Per namespace: these files under /proc/sys/net belong to the namespace the writer is in.
        Commands.check(Commands.inNamespace(ns, List.of("sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward"
                + " && echo 0 > /proc/sys/net/ipv4/conf/all/rp_filter"
                + " && echo 0 > /proc/sys/net/ipv4/conf/default/rp_filter")));
    }

    private void batch(LabState state, String ns, List<String> commands) throws IOException, InterruptedException {
        if (commands.isEmpty()) {
            return;
        }
        Path file = state.dir().resolve("routes-" + ns + ".batch");
        Files.writeString(file, String.join("\n", commands) + "\n", StandardCharsets.UTF_8);
        Commands.ip("-n", ns, "-batch", file.toString());
    }

    private void startDaemon(LabState state, String ns, String kind) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), LabDaemon.class.getName(), kind, state.dir().toString()));
        Path logFile = state.dir().resolve(kind + ".log");
        long pid = spawn(state, ns, kind, cmd, logFile);
        long deadline = System.nanoTime() + DAEMON_START.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
            if (text.contains(LabDaemon.READY)) {
                log.accept(kind + " (pid " + pid + ") in " + ns + ": " + text.lines().findFirst().orElse(""));
                return;
            }
            if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
                throw new IOException(kind + " daemon exited during start-up; its log:\n" + text);
            }
            Thread.sleep(100);
        }
        throw new IOException(kind + " daemon did not get ready within " + DAEMON_START.toSeconds() + " s");
    }

    /** Starts {@code cmd} in namespace {@code ns} in a session of its own (it outlives this JVM); records its PID. */
    private long spawn(LabState state, String ns, String name, List<String> cmd, Path logFile) throws IOException {
        List<String> full = new ArrayList<>(List.of("setsid"));
        full.addAll(Commands.inNamespace(ns, cmd));
        // setsid and ip netns exec both exec the next program in place, so the PID is the program's own.
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(logFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        state.addProcess(new LabState.Started(name, ns, p.pid()));
        return p.pid();
    }

    private void startResolvers(LabPlan plan, Scenario scenario, LabState state)
            throws IOException, InterruptedException {
        List<String> zones;
        try {
            zones = WorldCompiler.compile(scenario.world()).zones().stream().map(z -> z.origin().toString()).toList();
        } catch (WorldException e) {
            throw new IOException(e.getMessage(), e);
        }
        InetSocketAddress emulator = new InetSocketAddress(InetAddress.getByName(plan.emulator().address()), 53);
        for (ResolverSpec r : scenario.resolvers()) {
            LabNode node = plan.node(LabRole.RESOLVER, r.id()).orElseThrow();
            ResolverKind kind = r.software() != null ? r.software() : ResolverKind.UNBOUND;
            Path binary = kind.locate(r.binary());
            if (binary == null) {
                throw new IOException(kind.id() + " is not installed: install the Debian package '"
                        + kind.debianPackage() + "'");
            }
            dev.geodns.testbed.resolvers.ResolverSpec spec = dev.geodns.testbed.resolvers.ResolverSpec.of(kind,
                    InetAddress.getByName(node.address()), emulator, zones);
            spec = switch (r.ecs().mode()) {
                case NONE, FIXED -> spec;
                case CLIENT, TUNNEL -> spec.withEcs(EcsMode.CLIENT).withEcsBits(r.ecs().prefixLength(),
                        spec.ecsIpv6Bits());
            };
            ResolverConfig writer = ResolverConfig.of(kind);
            Path dir = state.dir().resolve("resolver-" + r.id());
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(writer.fileName()), writer.render(spec, dir), StandardCharsets.UTF_8);
            long pid = spawn(state, node.namespace(), "resolver " + r.id() + " (" + kind.id() + ")",
                    writer.command(binary, spec, dir), dir.resolve("output.log"));
            awaitResolver(node, kind, pid, dir);
            log.accept("resolver " + r.id() + ": " + kind.id() + " (pid " + pid + ") at " + node.address()
                    + ":53 in " + node.namespace() + " -> emulator " + plan.emulator().address() + ":53");
        }
    }

    private void awaitResolver(LabNode node, ResolverKind kind, long pid, Path dir)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + RESOLVER_START.toNanos();
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
                throw new IOException(kind.id() + " in " + node.namespace() + " exited during start-up: "
                        + Files.readString(dir.resolve("output.log")));
            }
            Commands.Result r = Commands.run(Commands.inNamespace(node.namespace(), List.of("dig", "+time=1",
                    "+tries=1", "@" + node.address(), "version.bind", "CH", "TXT")), Duration.ofSeconds(3));
            if (r.ok()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException(kind.id() + " at " + node.address() + " did not answer within "
                + RESOLVER_START.toSeconds() + " s");
    }
}
