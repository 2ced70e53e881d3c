package dev.geodns.testbed.lab;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request by {@code curl} run as a lab client: the response headers and curl's own timings
 * ({@code -w}), the name resolved by the client's resolver as any program would.
 */
final class HttpProbe {
    private static final String TIMINGS = "\n@@timings %{time_namelookup} %{time_connect} %{time_starttransfer}"
            + " %{remote_ip} %{http_code}\n";

    /** What came back: headers by lower-case name, the timings in ms, and curl's error if it failed. */
    record Reply(Map<String, String> headers, double lookupMs, double connectMs, double firstByteMs, String remoteIp,
            int status, String error) {
        /** Time to first byte counted from the end of name resolution. */
        double ttfbAfterDnsMs() {
            return firstByteMs - lookupMs;
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private HttpProbe() {
    }

    static Reply get(String namespace, String url) throws IOException, InterruptedException {
        Commands.Result r = Commands.run(Commands.inNamespace(namespace, List.of("curl", "-s", "-S", "-o",
                "/dev/null", "-D", "-", "--max-time", "15", "-w", TIMINGS, url)), Duration.ofSeconds(20));
        return parse(r.out(), r.ok() ? null : "curl exit " + r.exit() + ": " + r.err().trim());
    }

    static Reply parse(String out, String error) {
        Map<String, String> headers = new LinkedHashMap<>();
        double lookup = Double.NaN;
        double connect = Double.NaN;
        double first = Double.NaN;
        String ip = null;
        int status = 0;
        for (String line : out.split("\r?\n")) {
            if (line.startsWith("@@timings ")) {
                String[] f = line.substring(10).trim().split("\\s+");
                lookup = seconds(f, 0);
                connect = seconds(f, 1);
                first = seconds(f, 2);
                ip = f.length > 3 ? f[3] : null;
                status = f.length > 4 && f[4].matches("\\d+") ? Integer.parseInt(f[4]) : 0;
            } else {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.startsWith("HTTP/")) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim());
                }
            }
        }
        return new Reply(headers, lookup, connect, first, ip, status, error);
    }

    private static double seconds(String[] f, int i) {
        try {
            return i < f.length ? Double.parseDouble(f[i].replace(',', '.')) * 1000 : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The median of {@code values}, NaN when empty. */
    static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        v.removeIf(d -> d.isNaN());
        if (v.isEmpty()) {
            return Double.NaN;
        }
        v.sort(null);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }
}
