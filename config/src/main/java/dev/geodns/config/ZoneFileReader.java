package dev.geodns.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Reads an RFC 1035 master (zone) file with dnsjava's {@link Master} and turns its failures into
 * a file, line and reason. dnsjava reports parse errors as {@code file:line: reason}.
 */
final class ZoneFileReader {
    private static final Pattern LOCATED = Pattern.compile("(?s)(.*):(\\d+): (.*)");

    private ZoneFileReader() {
    }

    /** Why a zone file could not be read: the file (as dnsjava names it), 1-based line or 0, reason. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final String file;
        final int line;
        final String reason;

        Failure(String file, int line, String reason) {
            super(file + ":" + line + ": " + reason);
            this.file = file;
            this.line = line;
            this.reason = reason;
        }
    }

    /** Every record of {@code file}, relative names completed with {@code origin}. */
    static List<Record> read(Path file, Name origin) throws Failure {
        if (!Files.isRegularFile(file)) {
            throw new Failure(file.toString(), 0, "zone file does not exist");
        }
        List<Record> out = new ArrayList<>();
        try (Master master = new Master(file.toString(), origin)) {
            for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
                out.add(r);
            }
        } catch (TextParseException e) {
            throw located(file, e.getMessage());
        } catch (IOException e) {
            throw new Failure(file.toString(), 0, "cannot read zone file: " + e.getMessage());
        } catch (RuntimeException e) {
            // e.g. RelativeNameException when a name cannot be completed
            throw located(file, String.valueOf(e.getMessage()));
        }
        return out;
    }

    /**
     * The origin a standalone zone file declares: its first {@code $ORIGIN}, else the owner of its
     * SOA record (which must then be written as an absolute name).
     */
    static Name originOf(Path file) throws Failure {
        if (!Files.isRegularFile(file)) {
            throw new Failure(file.toString(), 0, "zone file does not exist");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new Failure(file.toString(), 0, "cannot read zone file: " + e.getMessage());
        }
        for (int i = 0; i < lines.size(); i++) {
            String[] words = lines.get(i).replaceFirst(";.*", "").trim().split("\\s+");
            if (words.length >= 2 && words[0].toUpperCase(Locale.ROOT).equals("$ORIGIN")) {
                try {
                    return Name.fromString(words[1], Name.root);
                } catch (TextParseException e) {
                    throw new Failure(file.toString(), i + 1, "bad $ORIGIN: " + e.getMessage());
                }
            }
        }
        List<Record> records;
        try {
            records = read(file, null);
        } catch (Failure f) {
            throw new Failure(f.file, f.line, "the zone file has no $ORIGIN and cannot be read without one: " + f.reason);
        }
        return records.stream().filter(r -> r.getType() == Type.SOA).map(Record::getName).findFirst()
                .orElseThrow(() -> new Failure(file.toString(), 0,
                        "the zone file has neither $ORIGIN nor a SOA record, so its origin is unknown"));
    }

    /** Why {@code records} do not belong to a zone at {@code origin} (at most a few reasons). */
    static List<String> originMismatches(Name origin, List<Record> records) {
        List<String> out = new ArrayList<>();
        for (Record r : records) {
            if (out.size() == 3) {
                out.add("(more records do not match)");
                break;
            }
            if (r.getType() == Type.SOA && !r.getName().equals(origin)) {
                out.add("SOA owner " + r.getName() + " does not match the zone origin " + origin);
            } else if (!r.getName().subdomain(origin)) {
                out.add("record " + r.getName() + " " + Type.string(r.getType()) + " is outside the zone origin " + origin);
            }
        }
        return out;
    }

    private static Failure located(Path file, String message) {
        Matcher m = LOCATED.matcher(message);
        if (m.matches()) {
            // dnsjava names only the file's base name (also for $INCLUDE files, which sit beside it)
            String reported = m.group(1);
            Path where = reported.equals(String.valueOf(file.getFileName())) ? file
                    : file.getParent() == null ? Path.of(reported) : file.getParent().resolve(reported);
            return new Failure(where.toString(), Integer.parseInt(m.group(2)), m.group(3));
        }
        return new Failure(file.toString(), 0, message);
    }
}
