package dev.geodns.testbed.lab;

import dev.geodns.testbed.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code lab status}: each namespace with its addresses, the lab's processes, and where each client's DNS and traffic go. */
public final class LabStatus {
    private LabStatus() {
    }

    /** The status of one lab, as lines. */
    public static List<String> describe(LabState state) throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        out.add("lab " + state.id() + ": scenario " + state.scenario() + ", state " + state.dir());
        List<String> existing = LabDown.existingNamespaces();
        LabPlan plan;
        Scenario scenario;
        try {
            scenario = LabScenario.load(state.scenario());
            plan = LabPlan.of(state.id(), state.scenario(), scenario);
        } catch (dev.geodns.testbed.scenario.ScenarioException | RuntimeException e) {
            out.add("  scenario no longer loads (" + e.getMessage().lines().findFirst().orElse("") + "); namespaces: "
                    + state.namespaces());
            return out;
        }
        out.add("  namespaces:");
        for (LabNode n : plan.nodes()) {
            boolean there = existing.contains(n.namespace());
            String addresses = there ? String.join(" ", addresses(n.namespace())) : "(missing)";
            out.add(String.format("    %-8s %-34s %s%s", n.role().word(), n.namespace(), addresses,
                    n.place() == null ? "" : "  at " + n.place().label()));
        }
        out.add("  processes:");
        for (LabState.Started p : state.processes()) {
            boolean alive = ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false);
            out.add(String.format("    %-32s pid %-7d %-8s in %s", p.name(), p.pid(), alive ? "running" : "gone",
                    p.namespace()));
        }
        out.add("  clients:");
        for (LabNode c : plan.nodes()) {
            if (c.role() != LabRole.CLIENT) {
                continue;
            }
            String resolverId = scenario.client(c.id()).map(x -> x.resolver()).orElse("?");
            String ns = plan.node(LabRole.RESOLVER, resolverId).map(LabNode::address).orElse("?");
            Path conf = Path.of("/etc/netns", c.namespace(), "resolv.conf");
            String configured = Files.exists(conf) ? Files.readAllLines(conf).stream()
                    .filter(l -> l.startsWith("nameserver")).findFirst().orElse("none") : "no resolv.conf";
            String traffic = plan.tunnelOf(c.id()).map(t -> (t.full() ? "full tunnel" : "split tunnel") + " to office "
                    + t.office() + " as " + t.clientAddress() + " (" + t.throughOffice().size() + " of "
                    + plan.siteNetworks().size() + " site networks through the office)").orElse("direct");
            out.add("    " + c.id() + " " + c.address() + ": resolver " + resolverId + " (" + ns + ", " + configured
                    + "); traffic " + traffic);
        }
        return out;
    }

    private static List<String> addresses(String ns) throws IOException, InterruptedException {
        Commands.Result r = Commands.ipQuietly("-n", ns, "-4", "-o", "addr", "show");
        List<String> out = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 3 && !f[1].equals("lo")) {
                out.add(f[1] + " " + f[3]);
            }
        }
        return out;
    }
}
