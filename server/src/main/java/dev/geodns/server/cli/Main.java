package dev.geodns.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code geodns} command line: {@code serve}, {@code check}, {@code explain}. */
@Command(name = "geodns",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "GeoDNS Emulator: an authoritative geo-DNS server that answers Office 365-style names "
                + "the way Microsoft's DNS does.",
        subcommands = {ServeCommand.class, CheckCommand.class, ExplainCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
