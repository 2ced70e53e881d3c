package dev.geodns.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/** The one version string of the build, printed by both command lines' {@code --version} and at start. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    private static final String VERSION = load();

    /** The project version the build wrote into {@code version.properties}. */
    public static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the build");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"GeoDNS Emulator " + version()};
    }
}
