package dev.geodns.config;

import dev.geodns.config.model.ZoneSpec;
import dev.geodns.config.yaml.Fields;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/** Binds the {@code zones} section and reads each zone's optional zone file. */
final class ZoneBinder {
    private ZoneBinder() {
    }

    static List<ZoneSpec> bind(Fields root, Path baseDir) {
        List<ZoneSpec> out = new ArrayList<>();
        Map<Name, String> seen = new HashMap<>();
        for (Fields z : root.maps("zones", false)) {
            if (z == null) {
                continue;
            }
            z.allow("origin", "file");
            Name origin = SettingsBinder.name(z, "origin");
            if (origin == null) {
                continue;
            }
            String first = seen.putIfAbsent(origin, z.path());
            if (first != null) {
                z.error("origin", "zone " + origin + " is declared twice (also at " + first + ")");
                continue;
            }
            String fileText = z.optString("file", null);
            if (fileText == null) {
                out.add(new ZoneSpec(origin, null, List.of()));
                continue;
            }
            Path file;
            try {
                file = WorldLoader.resolve(baseDir, fileText);
            } catch (IllegalArgumentException e) {
                z.error("file", e.getMessage());
                continue;
            }
            try {
                List<Record> records = ZoneFileReader.read(file, origin);
                for (String reason : ZoneFileReader.originMismatches(origin, records)) {
                    z.error("origin", "zone file " + file + ": " + reason);
                }
                out.add(new ZoneSpec(origin, file, records));
            } catch (ZoneFileReader.Failure f) {
                if (f.line == 0) {
                    z.error("file", f.file + ": " + f.reason);
                } else {
                    z.problems().in(f.file, f.line, z.path("file"), f.reason);
                }
            }
        }
        return out;
    }
}
