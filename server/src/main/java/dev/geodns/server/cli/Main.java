package dev.geodns.server.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
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
                + "the way Microsoft's DNS does.")
public final class Main {
    private static final String JFR_PROPERTY = "io.netty.jfr.enabled";
    private static final String LEAK_DETECTION_PROPERTY = "io.netty.leakDetection.level";
    private static final String HELP = "help";
    /** The subcommands, in the order usage lists them. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    public static void main(String[] args) {
        applyNettyDefaultsUnlessAsked();
        if (args.length > 0 && args[0].equals("serve")) {
            ServeHeadStart.begin(args);
        }
        System.exit(run(args));
    }

    /**
     * Two Netty defaults we change, each unless the user sets its property. Netty samples one buffer
     * in 128 for leak tracking, and each sample records a stack trace: a few per cent of the CPU a
     * query costs (our tests run with paranoid detection instead, set in the build). And Netty
     * registers its allocator's JFR event when the first answer's buffer is allocated, which costs
     * that answer tens of milliseconds at start; {@code -Dio.netty.jfr.enabled=true} brings it back.
     * Both are system properties Netty reads as its classes initialise: call this before anything
     * loads Netty (then it loads none of Netty itself, which the main thread need not wait for).
     */
    public static void applyNettyDefaultsUnlessAsked() {
        if (System.getProperty(JFR_PROPERTY) == null) {
            System.setProperty(JFR_PROPERTY, "false");
        }
        if (System.getProperty(LEAK_DETECTION_PROPERTY) == null
                && System.getProperty("io.netty.leakDetectionLevel") == null) { // Netty's older name
            System.setProperty(LEAK_DETECTION_PROPERTY, "disabled");
        }
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return commandLine(args.length > 0 ? args[0] : "").setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    /**
     * The command line for arguments that start with {@code first}. Picocli reflects over every
     * subcommand it is given, a tenth of a second at start for all of them: when {@code first} names
     * one other than {@code help}, that one alone is needed (its usage and errors are the same);
     * otherwise (help, usage errors) all are given.
     */
    static CommandLine commandLine(String first) {
        CommandLine cli = new CommandLine(new Main());
        SUBCOMMANDS.forEach((name, command) -> {
            if (!SUBCOMMANDS.containsKey(first) || first.equals(HELP) || name.equals(first)) {
                cli.addSubcommand(name, command.get());
            }
        });
        return cli;
    }

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("serve", ServeCommand::new);
        all.put("check", CheckCommand::new);
        all.put("explain", ExplainCommand::new);
        all.put("endpoints", EndpointsCommand::new);
        // A lambda, not a constructor reference: picocli's classes are Java 5 class files, which
        // the JDK 25 AOT cache leaves out, and an archived method handle straight to one of their
        // constructors crashes the JVM writing the cache (the lambda's own method is ours).
        all.put(HELP, () -> new CommandLine.HelpCommand());
        return all;
    }
}
