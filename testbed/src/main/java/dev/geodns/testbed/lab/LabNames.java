package dev.geodns.testbed.lab;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * How the lab names what it makes, so that {@code lab down --all} finds exactly that: namespaces
 * {@code gdl-<lab>-<role>-<id>}, veth interfaces {@code gl<hash><n><side>} (at most 15 characters,
 * the kernel's limit), state under {@code /run/geodns-lab/<lab>}.
 */
public final class LabNames {
    /** Every namespace the lab makes starts with this. */
    public static final String NAMESPACE_PREFIX = "gdl-";
    /** Every veth interface the lab makes starts with this. */
    public static final String VETH_PREFIX = "gl";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,19}");

    private LabNames() {
    }

    /** A lab id from a scenario name: lower case, letters, digits and '-', at most 20 characters. */
    public static String idFor(String scenarioName) {
        String s = scenarioName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+", "");
        s = s.isEmpty() ? "lab" : s;
        return s.length() > 20 ? s.substring(0, 20) : s;
    }

    /** Checks a lab id given on the command line. */
    public static String checkId(String id) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("lab id must be 1-20 of a-z, 0-9 and '-', starting with a letter or"
                    + " digit: '" + id + "'");
        }
        return id;
    }

    /** The namespace of a node; ids are shortened to keep the name readable. */
    public static String namespace(String lab, LabRole role, String id) {
        String clean = id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
        String tail = role == LabRole.ROUTER || role == LabRole.EMULATOR || role == LabRole.SITES
                ? role.word() : role.word() + "-" + clean;
        return NAMESPACE_PREFIX + lab + "-" + (tail.length() > 40 ? tail.substring(0, 40) : tail);
    }

    /** The prefix of every namespace of lab {@code lab}. */
    public static String namespacePrefix(String lab) {
        return NAMESPACE_PREFIX + lab + "-";
    }

    /** A veth name: {@code gl} + four hex digits of the lab id + the link number + the side letter. */
    public static String veth(String lab, int link, char side) {
        CRC32 crc = new CRC32();
        crc.update(lab.getBytes(StandardCharsets.UTF_8));
        String name = VETH_PREFIX + String.format("%04x", crc.getValue() & 0xffff) + link + side;
        if (name.length() > 15) {
            throw new IllegalArgumentException("too many links for one lab: " + link);
        }
        return name;
    }
}
