package dev.geodns.testbed.lab;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One DNS lookup by {@code dig} run as a lab client, through the resolver of its {@code resolv.conf}. */
final class DnsProbe {
    private static final Pattern QUERY_TIME = Pattern.compile(";; Query time: (\\d+) msec");

    /** The A records answered and dig's query time, or the error. */
    record Answer(List<String> addresses, double ms, String error) {
    }

    private DnsProbe() {
    }

    static Answer lookup(String namespace, String name) throws IOException, InterruptedException {
        Commands.Result r = Commands.run(Commands.inNamespace(namespace, List.of("dig", "+tries=1", "+time=5",
                "+noall", "+answer", "+stats", name, "A")), Duration.ofSeconds(10));
        Answer a = parse(r.out());
        return r.ok() ? a : new Answer(a.addresses(), a.ms(), "dig exit " + r.exit() + ": " + (r.out() + r.err())
                .lines().filter(l -> l.startsWith(";;")).findFirst().orElse("").trim());
    }

    static Answer parse(String out) {
        List<String> addresses = new ArrayList<>();
        double ms = Double.NaN;
        for (String line : out.split("\n")) {
            Matcher m = QUERY_TIME.matcher(line);
            if (m.find()) {
                ms = Double.parseDouble(m.group(1));
            } else if (!line.startsWith(";")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 5 && f[3].equals("A")) {
                    addresses.add(f[4]);
                }
            }
        }
        return new Answer(addresses, ms, null);
    }
}
