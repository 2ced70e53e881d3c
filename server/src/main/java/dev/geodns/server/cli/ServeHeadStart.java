package dev.geodns.server.cli;

import dev.geodns.config.WorldLoader;
import dev.geodns.server.transport.DnsServer;
import java.util.Arrays;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The part of a {@code serve} start that needs none of its options, begun before picocli reads
 * them, each on a daemon thread of its own: the built-in world (served unless {@code --world} is
 * given) is parsed and compiled, and kept for the command; the transports link their native parts;
 * dnsjava readies its record types, which the world's compilation needs.
 * On two cores this runs beside the command-line parsing and takes a few hundred milliseconds off
 * the first answer; on one it costs nothing extra, as the main thread would do the same work
 * itself, finding it done or waiting for it.
 */
final class ServeHeadStart {
    private ServeHeadStart() {
    }

    /** Begins the head start for {@code serve}'s arguments {@code args}. */
    static void begin(String[] args) {
        if (Arrays.stream(args).noneMatch(a -> a.equals(WorldOptions.WORLD) || a.startsWith(WorldOptions.WORLD + "="))) {
            onDaemonThread("geodns-head-start-world", ServeHeadStart::loadBuiltInWorld);
        }
        onDaemonThread("geodns-head-start-transport", DnsServer::prefetch);
        onDaemonThread("geodns-head-start-records", ServeHeadStart::readyRecordTypes);
    }

    /**
     * Makes one record, which initialises dnsjava's type table (a factory per record type: some 60
     * lambdas spun) and its record base class (a number format and its locale data): about 80 ms
     * that the world's compilation, the longest part of a start, would otherwise spend first.
     */
    private static void readyRecordTypes() {
        Record.newRecord(Name.root, Type.A, DClass.IN);
    }

    private static void loadBuiltInWorld() {
        try {
            WorldLoader.builtIn();
        } catch (RuntimeException e) {
            // a defective build: serve reports it when it loads the world itself
        }
    }

    /** Runs {@code task} on a daemon thread of its own, named {@code name}. */
    static void onDaemonThread(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }
}
