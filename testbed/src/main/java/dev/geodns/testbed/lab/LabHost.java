package dev.geodns.testbed.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the lab needs of this machine: root, and the programs it runs. */
public final class LabHost {
    /** The programs the lab runs, with the Debian package of each. */
    public static final List<String[]> TOOLS = List.of(new String[] {"ip", "iproute2"},
            new String[] {"setsid", "util-linux"}, new String[] {"dig", "bind9-dnsutils"},
            new String[] {"curl", "curl"}, new String[] {"unbound", "unbound"});

    private LabHost() {
    }

    /** True when this process runs as root (effective UID 0), read from {@code /proc/self/status}. */
    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** Why the lab cannot run here, or null when it can. */
    public static String unavailable() {
        if (!isRoot()) {
            return "the namespace lab needs root (network namespaces and veth pairs); run it with sudo";
        }
        for (String[] t : TOOLS) {
            boolean found = false;
            for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/bin", "/usr/local/sbin")) {
                found |= Files.isExecutable(Path.of(dir, t[0]));
            }
            if (!found) {
                return t[0] + " is not installed: install the Debian package '" + t[1] + "'";
            }
        }
        return null;
    }
}
