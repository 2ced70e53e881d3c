package dev.geodns.testbed.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.geodns.testbed.report.JsonReport;
import dev.geodns.testbed.report.ReportFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of {@code lab run}: the modelled run's report in the chosen format with a measured
 * section added (table: a second table; JSON: a {@code lab} object; HTML: a section before the end,
 * in the report's own styles). One row per client and name: the DNS answer, the front door that
 * answered, measured DNS time and time to first byte, and the modelled round trip.
 */
public final class MeasuredReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String[] HEADINGS = {"client", "lookup", "dns answer", "front door", "site", "model site",
        "dns ms", "ttfb ms", "applied ms", "model rtt ms", "model penalty ms"};

    private MeasuredReport() {
    }

    public static String render(ReportFormat format, LabRun.Result r) {
        return switch (format) {
            case TABLE -> ReportFormat.TABLE.render(r.model()) + "\n" + table(r);
            case JSON -> json(r);
            case HTML -> html(r);
        };
    }

    /** The measured rows as cells, in {@link #HEADINGS} order. */
    static List<String[]> rows(LabRun.Result r) {
        List<String[]> rows = new ArrayList<>();
        for (MeasuredLookup m : r.measured()) {
            rows.add(new String[] {m.client(), m.lookup(), m.answer().isEmpty() ? "-" : String.join(" ", m.answer()),
                orDash(m.frontDoor()), orDash(m.site()) + (m.site() != null && !m.siteAsModelled() ? " (!)" : ""),
                orDash(m.modelSite()), ms(m.dnsMs()), ms(m.ttfbMs()), ms(m.appliedMs()), ms(m.modelRttMs()),
                ms(m.modelPenaltyMs())});
        }
        return rows;
    }

    static String table(LabRun.Result r) {
        StringBuilder b = new StringBuilder("Measured in the namespace lab (dig and curl run as each client; ttfb ="
                + " time to first byte after DNS, median of " + LabRun.TRIES + "):\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADINGS);
        rows.addAll(rows(r));
        int[] w = new int[HEADINGS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < row.length; i++) {
                line.append(' ').append(i >= 6 ? pad(row[i], w[i], true) : pad(row[i], w[i], false));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        for (MeasuredLookup m : r.measured()) {
            if (m.error() != null) {
                b.append("  ").append(m.client()).append(' ').append(m.lookup()).append(": ").append(m.error())
                        .append('\n');
            }
        }
        for (LabRun.Check c : r.checks()) {
            b.append(c.passed() ? "  PASS " : "  FAIL ").append(c.expectation().describe()).append(" (measured ")
                    .append(ms(c.measuredMs())).append(" ms)\n");
        }
        return b.toString();
    }

    static String json(LabRun.Result r) {
        Map<String, Object> tree = new LinkedHashMap<>(JsonReport.tree(r.model()));
        List<Object> lookups = new ArrayList<>();
        for (MeasuredLookup m : r.measured()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("client", m.client());
            o.put("lookup", m.lookup());
            o.put("name", m.name());
            o.put("answer", m.answer());
            o.put("frontDoor", m.frontDoor());
            o.put("site", m.site());
            o.put("modelSite", m.modelSite());
            o.put("dnsMs", number(m.dnsMs()));
            o.put("ttfbMs", number(m.ttfbMs()));
            o.put("appliedMs", number(m.appliedMs()));
            o.put("modelRttMs", number(m.modelRttMs()));
            o.put("modelPenaltyMs", number(m.modelPenaltyMs()));
            o.put("error", m.error());
            lookups.add(o);
        }
        List<Object> checks = new ArrayList<>();
        for (LabRun.Check c : r.checks()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("client", c.expectation().client());
            o.put("lookup", c.expectation().lookup());
            o.put("line", c.expectation().line());
            o.put("expected", c.expectation().describe());
            o.put("measuredMs", number(c.measuredMs()));
            o.put("status", c.passed() ? "passed" : "failed");
            checks.add(o);
        }
        Map<String, Object> lab = new LinkedHashMap<>();
        lab.put("ttfb", "time to first byte after DNS, median of " + LabRun.TRIES + " curl requests");
        lab.put("lookups", lookups);
        lab.put("expectations", checks);
        tree.put("lab", lab);
        try {
            return JSON.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String html(LabRun.Result r) {
        String page = ReportFormat.HTML.render(r.model());
        StringBuilder s = new StringBuilder("<h2>Measured in the namespace lab</h2>\n<p class=\"meta\">dig and curl run"
                + " as each client; ttfb is the time to first byte after DNS, the median of " + LabRun.TRIES
                + " requests.</p>\n<table class=\"measured\"><tr>");
        for (String h : HEADINGS) {
            s.append("<th>").append(escape(h)).append("</th>");
        }
        s.append("</tr>\n");
        for (String[] row : rows(r)) {
            s.append("<tr>");
            for (int i = 0; i < row.length; i++) {
                s.append(i >= 6 ? "<td class=\"num\">" : "<td>").append(escape(row[i])).append("</td>");
            }
            s.append("</tr>\n");
        }
        s.append("</table>\n");
        if (!r.checks().isEmpty()) {
            s.append("<ul>\n");
            for (LabRun.Check c : r.checks()) {
                s.append("<li><span class=\"").append(c.passed() ? "pass\">PASS" : "fail\">FAIL").append("</span> ")
                        .append(escape(c.expectation().describe())).append(" (measured ").append(ms(c.measuredMs()))
                        .append(" ms)</li>\n");
            }
            s.append("</ul>\n");
        }
        int end = page.lastIndexOf("</body>");
        return end < 0 ? page + s : page.substring(0, end) + s + page.substring(end);
    }

    private static Object number(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 10) / 10.0;
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    private static String pad(String s, int w, boolean right) {
        String fill = " ".repeat(Math.max(0, w - s.length()));
        return right ? fill + s : s + fill;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
