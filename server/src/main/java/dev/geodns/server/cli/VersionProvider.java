package dev.geodns.server.cli;

import picocli.CommandLine;

/** The version printed by {@code --version}, from the jar manifest when there is one. */
final class VersionProvider implements CommandLine.IVersionProvider {
    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"GeoDNS Emulator " + version()};
    }
}
