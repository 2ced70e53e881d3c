package dev.geodns.testbed.cli;

import dev.geodns.server.cli.VersionProvider;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code geodns-testbed} command line: {@code run}, {@code list}, {@code show}, {@code mmdb}.
 * Exit codes: 0 success; 1 an expectation failed; 2 bad usage or an invalid scenario or world; 3 the
 * run itself failed (server or a real resolver could not start, no reply); 4 skipped: lookups were
 * not made because a real resolver or client tool is not installed (and no expectation failed).
 * Not runnable by itself: no subcommand is a usage error.
 */
@Command(name = "geodns-testbed",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "GeoDNS Emulator testbed: run lab scenarios (clients, resolvers, VPNs, outages) against the"
                + " emulated Office 365 DNS and see which datacenter each client reaches and what it costs.",
        subcommands = {RunCommand.class, ListCommand.class, ShowCommand.class, MmdbCommand.class, LabCommand.class,
            CommandLine.HelpCommand.class})
public final class Main {
    /** An expectation of the scenario failed. */
    public static final int EXIT_EXPECTATION_FAILED = 1;
    /** Bad usage, or an invalid scenario or world file. */
    public static final int EXIT_USAGE = 2;
    /** The run failed: the server could not start or did not answer. */
    public static final int EXIT_RUN_FAILED = 3;
    /**
     * Lookups were skipped: a real resolver or the stub client is not installed (the message names
     * the Debian package), or port 53 cannot be bound; no expectation failed.
     */
    public static final int EXIT_SKIPPED = 4;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI on the process's stdout and stderr and returns its exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Runs the CLI with its output captured (tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** {@code --version}: the build's one version, the same the server prints. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"geodns-testbed " + VersionProvider.version()};
        }
    }
}
