package dev.geodns.testbed.report;

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
    },
    /** JSON with a stable, versioned schema ({@value JsonReport#SCHEMA}; testbed/README.md). */
    JSON {
        @Override
        public String render(RunResult run) {
            return JsonReport.render(run);
        }
    },
    /** One self-contained XHTML page with an SVG world map; no external resources. */
    HTML {
        @Override
        public String render(RunResult run) {
            return HtmlReport.render(run);
        }
    };

    /** The whole report as text (UTF-8 when written). */
    public abstract String render(RunResult run);

    /** The file extension conventionally used. */
    public String extension() {
        return name().toLowerCase(Locale.ROOT).equals("table") ? "txt" : name().toLowerCase(Locale.ROOT);
    }
}
