package dev.geodns.server.cli;

import io.netty.util.ResourceLeakDetector;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code geodns} command line: {@code serve}, {@code check}, {@code explain}, {@code endpoints}. Not runnable by
 * itself, so that no subcommand is a usage error (exit 2, usage on stderr), as picocli has it.
 */
@Command(name = "geodns",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "GeoDNS Emulator: an authoritative geo-DNS server that answers Office 365-style names "
                + "the way Microsoft's DNS does.",
        subcommands = {ServeCommand.class, CheckCommand.class, ExplainCommand.class, EndpointsCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        disableLeakDetectionUnlessAsked();
        System.exit(run(args));
    }

    /**
     * Netty samples one buffer in 128 for leak tracking by default, and each sample records a stack
     * trace: a few per cent of the CPU a query costs. Our tests run with paranoid detection instead
     * (set in the build); a user who wants it sets {@code -Dio.netty.leakDetection.level}.
     */
    public static void disableLeakDetectionUnlessAsked() {
        if (System.getProperty("io.netty.leakDetection.level") == null
                && System.getProperty("io.netty.leakDetectionLevel") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }
}
