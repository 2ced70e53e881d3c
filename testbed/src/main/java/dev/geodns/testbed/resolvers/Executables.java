package dev.geodns.testbed.resolvers;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds helper programs (unbound-control, rec_control, dig, kdig, kill) on PATH and in the sbin directories. */
final class Executables {
    private Executables() {
    }

    /** The first executable called {@code name} on PATH, then in /usr/sbin, /usr/bin, /sbin, /bin; null if none. */
    static Path onPath(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin"));
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Like {@link #onPath} but fails with a message naming the Debian package when missing. */
    static Path require(String name, String debianPackage) throws ResolverUnavailableException {
        Path p = onPath(name);
        if (p == null) {
            throw new ResolverUnavailableException(name + " not found on PATH or in /usr/sbin, /usr/bin: install the"
                    + " Debian package '" + debianPackage + "' (apt-get install -y " + debianPackage + ")", debianPackage);
        }
        return p;
    }
}
