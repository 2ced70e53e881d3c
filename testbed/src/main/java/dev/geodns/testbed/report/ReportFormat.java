package dev.geodns.testbed.report;

import dev.geodns.testbed.runner.Comparison;
import dev.geodns.testbed.runner.RunResult;
import java.util.Locale;

/** The report formats, chosen by name on the command line ({@code --format}). */
public enum ReportFormat {
    /** Aligned plain-text columns for a terminal (the default). */
    TABLE {
        @Override
        public String render(RunResult run) {
            return TableReport.render(run);
        }

        @Override
        public String render(Comparison comparison) {
            return ComparisonTable.render(comparison);
        }
    },
    /** JSON with a stable, versioned schema ({@value JsonReport#SCHEMA}; testbed/README.md). */
    JSON {
        @Override
        public String render(RunResult run) {
            return JsonReport.render(run);
        }

        @Override
        public String render(Comparison comparison) {
            return JsonReport.render(comparison);
        }
    },
    /** One self-contained XHTML page with an SVG world map; no external resources. */
    HTML {
        @Override
        public String render(RunResult run) {
            return HtmlReport.render(run);
        }

        @Override
        public String render(Comparison comparison) {
            return ComparisonHtml.render(comparison);
        }
    };

    /** The whole report as text (UTF-8 when written). */
    public abstract String render(RunResult run);

    /** The report of a comparison of resolver softwares ({@code --resolver-kind all}). */
    public abstract String render(Comparison comparison);

    /** The file extension conventionally used. */
    public String extension() {
        return name().toLowerCase(Locale.ROOT).equals("table") ? "txt" : name().toLowerCase(Locale.ROOT);
    }
}
