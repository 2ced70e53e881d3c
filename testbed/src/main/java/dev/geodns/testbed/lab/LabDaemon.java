package dev.geodns.testbed.lab;

import dev.geodns.config.WorldCompiler;
import dev.geodns.config.model.World;
import dev.geodns.server.GeoDnsServer;
import dev.geodns.server.frontdoor.FrontDoorOptions;
import dev.geodns.server.frontdoor.FrontDoors;
import dev.geodns.server.geo.WorldLocator;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The lab's server processes, each started by {@link LabUp} inside its namespace:
 * {@code dns STATE_DIR} serves the lab's world on the emulator namespace's address, port 53;
 * {@code front-doors STATE_DIR} binds every site's front doors on the world's own answer addresses
 * inside the sites namespace (ports 80 and 443, the lab CA in {@code STATE_DIR/ca}), told which source
 * addresses are VPN tunnel exits and where each client behind one stands. Prints
 * {@value #READY} once serving and runs until SIGTERM.
 */
public final class LabDaemon {
    /** The line that tells {@link LabUp} the daemon serves. */
    public static final String READY = "lab-daemon ready";

    private LabDaemon() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        if (args.length != 2) {
            System.err.println("usage: LabDaemon dns|front-doors STATE_DIR");
            System.exit(2);
        }
        Path stateDir = Path.of(args[1]);
        LabState state = LabState.load(stateDir.getParent(), stateDir.getFileName().toString());
        if (state == null) {
            System.err.println("no lab state in " + stateDir);
            System.exit(2);
        }
        LabPlan plan = LabPlan.of(state.id(), state.scenario(), LabScenario.load(state.scenario()));
        World world = LabWorld.of(LabScenario.load(state.scenario()).world(), plan.networks());
        CountDownLatch stop = new CountDownLatch(1);
        AutoCloseable running;
        if (args[0].equals("dns")) {
            InetAddress at = InetAddress.getByName(plan.emulator().address());
            GeoDnsServer server = GeoDnsServer.builder().world(world).dns(new InetSocketAddress(at, 53)).start();
            out.println("emulator serving " + world.summary() + " on " + at.getHostAddress() + ":53");
            running = server;
        } else if (args[0].equals("front-doors")) {
            WorldLocator locator = WorldLocator.open(WorldCompiler.compile(world));
            // A tunnel's client address is placed at its office; the front doors add the client's own leg to it.
            FrontDoors doors = FrontDoors.start(world, locator, FrontDoorOptions.defaults().withLoopbackOnly(false)
                    .withStateDir(stateDir.resolve("ca")).withTunnels(plan.tunnelExits()));
            out.println("front doors: " + doors.listeners().size() + " listeners, " + doors.failures().size()
                    + " failed; lab CA " + doors.caPath() + "; " + plan.tunnelExits().size() + " tunnel exit(s)");
            doors.failures().stream().limit(10).forEach(f -> out.println("  failed: " + f));
            running = () -> {
                doors.close();
                locator.close();
            };
        } else {
            System.err.println("unknown daemon '" + args[0] + "': dns or front-doors");
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                // going down anyway
            }
            stop.countDown();
        }, "lab-daemon-stop"));
        out.println(READY);
        out.flush();
        stop.await();
    }
}
