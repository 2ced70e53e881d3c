package dev.geodns.testbed.runner;

import dev.geodns.testbed.scenario.ClientSpec;
import dev.geodns.testbed.scenario.ResolverSpec;

/** A scenario resolver as the runner uses it: the emulated one, or a real resolver process. */
interface LabResolver {
    ResolverSpec spec();

    /**
     * Resolves {@code name} (absolute) to addresses of {@code type} for client number
     * {@code clientIndex} of the scenario, at time {@code now} (seconds since the run began).
     */
    Resolution resolve(ClientSpec client, int clientIndex, String name, int type, double now)
            throws InterruptedException;
}
