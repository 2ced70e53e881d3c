package dev.geodns.testbed.resolvers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the default output of {@code dig} (BIND 9.18) and {@code kdig} (Knot 3.2): the status from
 * the header line, the records of the ANSWER SECTION, the ECS scope from a CLIENT-SUBNET line.
 */
final class DigOutput {
    /** dig: {@code status: NOERROR,}; kdig: {@code status: NOERROR;}. */
    private static final Pattern STATUS = Pattern.compile("->>HEADER<<-.*?status: ([A-Z]+)");
    /** dig: {@code ; CLIENT-SUBNET: 127.0.6.0/24/24}; kdig: {@code ;; CLIENT-SUBNET: 127.0.6.0/24/24}. */
    private static final Pattern SUBNET = Pattern.compile("CLIENT-SUBNET: \\S+/\\d+/(\\d+)");
    private static final Pattern RR = Pattern.compile("^(\\S+)\\s+(\\d+)\\s+IN\\s+(\\S+)\\s+(.+?)\\s*$");

    private DigOutput() {
    }

    static StubAnswer parse(String tool, String question, String out, Duration took) {
        Matcher st = STATUS.matcher(out);
        if (!st.find()) {
            // "connection timed out; no servers could be reached" (dig), "failed to query server" (kdig)
            return new StubAnswer(tool, question, "TIMEOUT", List.of(), null, took);
        }
        String rcode = st.group(1);
        Matcher sub = SUBNET.matcher(out);
        Integer scope = sub.find() ? Integer.valueOf(sub.group(1)) : null;
        List<StubAnswer.Rr> rrs = new ArrayList<>();
        boolean inAnswer = false;
        for (String line : out.split("\n")) {
            String l = line.strip();
            if (l.startsWith(";;") && l.contains("ANSWER SECTION")) {
                inAnswer = true;
                continue;
            }
            if (!inAnswer) {
                continue;
            }
            if (l.isEmpty() || l.startsWith(";;")) {
                break;
            }
            Matcher m = RR.matcher(l);
            if (m.matches()) {
                rrs.add(new StubAnswer.Rr(m.group(1), Long.parseLong(m.group(2)), m.group(3), m.group(4)));
            }
        }
        return new StubAnswer(tool, question, rcode, rrs, scope, took);
    }
}
