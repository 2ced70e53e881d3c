package dev.geodns.testbed.cli;

import dev.geodns.testbed.lab.LabDown;
import dev.geodns.testbed.lab.LabHost;
import dev.geodns.testbed.lab.LabNode;
import dev.geodns.testbed.lab.LabPlan;
import dev.geodns.testbed.lab.LabScenario;
import dev.geodns.testbed.lab.LabState;
import dev.geodns.testbed.lab.LabStatus;
import dev.geodns.testbed.lab.LabUp;
import dev.geodns.testbed.lab.LabNames;
import dev.geodns.testbed.scenario.Scenario;
import dev.geodns.testbed.scenario.ScenarioException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lab}: a scenario as network namespaces where real programs are the clients (root only). */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Build a scenario as Linux network namespaces (root): real resolvers, the emulator, front doors,"
                + " and clients you can run any program as.",
        subcommands = {LabCommand.Up.class, LabCommand.Exec.class, LabCommand.Status.class, LabCommand.Down.class,
            LabRunCommand.class})
final class LabCommand {
    /** Options every lab subcommand shares. */
    static class Common {
        @Option(names = "--id", description = "the lab's id (default: the scenario's name for up and run; the one"
                + " lab that is up otherwise)")
        String id;

        @Option(names = "--state-root", description = "where labs keep their state (default: ${DEFAULT-VALUE})",
                defaultValue = "/run/geodns-lab")
        Path root;

        /** The lab meant: {@code --id}, else the only lab that is up. */
        String labId() throws Exception {
            if (id != null) {
                return LabNames.checkId(id);
            }
            List<String> ids = LabState.ids(root);
            if (ids.size() == 1) {
                return ids.get(0);
            }
            throw new CommandLine.ParameterException(new CommandLine(this), ids.isEmpty()
                    ? "no lab is up (lab up SCENARIO)" : "several labs are up, name one with --id: " + ids);
        }
    }

    /** A scenario loaded for a lab, with the lab's plan. */
    record Target(String ref, Scenario scenario, LabPlan plan) {
    }

    /**
     * The lab target of {@code scenario} (a built-in name or a file) under lab id {@code id} (null:
     * derived from the scenario's name), or null after printing why it cannot load.
     */
    static Target target(String scenario, String id, PrintWriter err) {
        String ref = LabScenario.ref(scenario);
        Scenario s;
        try {
            s = LabScenario.load(ref);
        } catch (ScenarioException e) {
            err.println(e.getMessage());
            return null;
        }
        String lab = id != null ? LabNames.checkId(id) : LabNames.idFor(s.name());
        return new Target(ref, s, LabPlan.of(lab, ref, s));
    }

    /** Fails with exit 2 and the reason when the lab cannot run here. */
    static Integer unavailable(PrintWriter err) {
        String why = LabHost.unavailable();
        if (why != null) {
            err.println("error: " + why);
            return Main.EXIT_USAGE;
        }
        return null;
    }

    @Command(name = "up", mixinStandardHelpOptions = true, description = "Build SCENARIO's lab and leave it running.")
    static final class Up extends Common implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "SCENARIO", description = "a built-in scenario's name or a scenario file")
        String scenario;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Integer bad = unavailable(err);
            if (bad != null) {
                return bad;
            }
            Target t = target(scenario, id, err);
            if (t == null) {
                return Main.EXIT_USAGE;
            }
            Scenario s = t.scenario();
            LabPlan plan = t.plan();
            LabState state = new LabUp(root, line -> {
                out.println(line);
                out.flush();
            }).up(plan, s);
            LabStatus.describe(state).forEach(out::println);
            out.println("run a program as a client: geodns-testbed lab exec CLIENT -- COMMAND; take it down: "
                    + "geodns-testbed lab down --id " + plan.id());
            return 0;
        }
    }

    @Command(name = "exec", mixinStandardHelpOptions = true,
            description = "Run COMMAND as CLIENT: in its namespace, with its resolver in /etc/resolv.conf.")
    static final class Exec extends Common implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "CLIENT", description = "a client id (or any node of the lab)")
        String client;

        @Parameters(index = "1..*", paramLabel = "COMMAND", description = "the program and its arguments (after --)")
        List<String> command = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            Integer bad = unavailable(err);
            if (bad != null) {
                return bad;
            }
            LabState state = LabState.load(root, labId());
            if (state == null) {
                err.println("error: no lab " + labId() + " is up");
                return Main.EXIT_USAGE;
            }
            LabPlan plan = LabPlan.of(state.id(), state.scenario(), LabScenario.load(state.scenario()));
            LabNode node = plan.find(client).orElse(null);
            if (node == null) {
                err.println("error: lab " + state.id() + " has no client '" + client + "' (clients: "
                        + plan.nodes().stream().filter(n -> n.role() == dev.geodns.testbed.lab.LabRole.CLIENT)
                                .map(LabNode::id).toList() + ")");
                return Main.EXIT_USAGE;
            }
            if (command.isEmpty()) {
                err.println("error: give the command after --");
                return Main.EXIT_USAGE;
            }
            List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", node.namespace()));
            full.addAll(command);
            spec.commandLine().getOut().flush();
            return new ProcessBuilder(full).inheritIO().start().waitFor();
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show each lab's namespaces, addresses, processes and each client's resolver.")
    static final class Status extends Common implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            List<String> ids = id != null ? List.of(LabNames.checkId(id)) : LabState.ids(root);
            if (ids.isEmpty()) {
                out.println("no lab is up");
            }
            for (String lab : ids) {
                LabState state = LabState.load(root, lab);
                if (state == null) {
                    out.println("lab " + lab + ": no state (lab down --id " + lab + " cleans what is left)");
                    continue;
                }
                LabStatus.describe(state).forEach(out::println);
            }
            return 0;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Remove everything a lab made (namespaces, veths, processes, files); safe to repeat.")
    static final class Down extends Common implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--all", description = "every lab this tool made, and every gdl- namespace")
        boolean all;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Integer bad = unavailable(spec.commandLine().getErr());
            if (bad != null) {
                return bad;
            }
            LabDown down = new LabDown(root, out::println);
            int removed;
            if (all) {
                removed = down.downAll();
            } else {
                List<String> ids = LabState.ids(root);
                if (id == null && ids.isEmpty()) {
                    out.println("no lab is up");
                    return 0;
                }
                removed = down.down(labId());
            }
            out.println("lab down: " + removed + " namespace(s) removed");
            return 0;
        }
    }
}
