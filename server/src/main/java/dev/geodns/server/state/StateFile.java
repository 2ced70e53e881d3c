package dev.geodns.server.state;

import dev.geodns.server.routing.SiteTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The runtime state file ({@code serve --state FILE}): what the admin API changes at runtime, kept
 * as small text an operator can edit by hand (after gdnsd's {@code admin_state}). The format, also
 * in {@code server/README.md} ("Shared runtime state"):
 *
 * <pre>
 * # comments and blank lines are ignored
 * drain SITE-ID      (one line per drained site; every site not named is in service)
 * </pre>
 *
 * The last line must end with a line break: a file without one is taken for half-written.
 */
public final class StateFile {
    static final String HEADER = "# GeoDNS Emulator runtime state: one 'drain SITE-ID' line per drained site.\n"
            + "# Written by the replica whose admin API was called; hand edits are read within a second.\n";

    private StateFile() {
    }

    /**
     * Reads the drained sites from {@code text}, checking every id against {@code sites}.
     *
     * @throws StateFileException listing every error as {@code file:line: reason}
     */
    public static Set<String> parse(String label, String text, SiteTable sites) throws StateFileException {
        List<String> errors = new ArrayList<>();
        Set<String> drained = new LinkedHashSet<>();
        String[] lines = text.split("\n", -1);
        int count = lines.length - 1; // after the last line break: an empty string for a complete file
        if (!lines[count].isEmpty()) {
            errors.add(label + ":" + (count + 1) + ": no line break after the last line (a half-written file?)");
        }
        for (int i = 0; i < count; i++) {
            String line = lines[i].strip();
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash).strip();
            }
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            String where = label + ":" + (i + 1) + ": ";
            if (!words[0].equals("drain")) {
                errors.add(where + "unknown directive '" + words[0] + "' (expected: drain SITE-ID)");
            } else if (words.length != 2) {
                errors.add(where + "'drain' takes exactly one site id");
            } else if (sites.indexOf(words[1]) < 0) {
                errors.add(where + "no site '" + words[1] + "' in the served world");
            } else if (!drained.add(words[1])) {
                errors.add(where + "site '" + words[1] + "' is drained twice");
            }
        }
        if (!errors.isEmpty()) {
            throw new StateFileException(errors);
        }
        return drained;
    }

    /** The file's text for these drained sites. */
    public static String format(Iterable<String> drained) {
        StringBuilder out = new StringBuilder(HEADER);
        for (String id : drained) {
            out.append("drain ").append(id).append('\n');
        }
        return out.toString();
    }

    /**
     * Writes {@code text} so that readers see the old file or the new one, never a part: to a
     * temporary file beside it, forced to disk, then renamed over it.
     */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
