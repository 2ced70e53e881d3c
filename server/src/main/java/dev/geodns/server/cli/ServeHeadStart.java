package dev.geodns.server.cli;

import dev.geodns.config.WorldLoader;
import dev.geodns.server.transport.DnsServer;

/**
 * The part of a {@code serve} start that needs none of its options, begun on a daemon thread
 * before picocli reads them: the world's parser, binders and compiler load and warm up on the
 * built-in world (which is the world served unless {@code --world} is given, and is kept), and
 * the transports link their native parts, each on a thread of its own. On two cores this runs
 * beside the command-line parsing
 * and takes a few hundred milliseconds off the first answer; on one it costs nothing extra, as the
 * main thread would do the same work itself, finding it done or waiting for it.
 */
final class ServeHeadStart {
    private ServeHeadStart() {
    }

    static void begin() {
        onDaemonThread("geodns-head-start-world", ServeHeadStart::loadBuiltInWorld);
        onDaemonThread("geodns-head-start-transport", DnsServer::prefetch);
    }

    private static void loadBuiltInWorld() {
        try {
            WorldLoader.builtIn();
        } catch (RuntimeException e) {
            // a defective build: serve reports it when it loads the world itself
        }
    }

    private static void onDaemonThread(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }
}
