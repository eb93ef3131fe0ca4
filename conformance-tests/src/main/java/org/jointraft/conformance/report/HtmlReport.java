package org.jointraft.conformance.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import org.jointraft.conformance.validate.Diagnosis;
import org.jointraft.trace.Trace;
import org.jointraft.trace.TraceReader;

/**
 * One self-contained HTML page for a {@link ReportContent}: the summary, then a section per run with its diagnosis,
 * its membership timeline ({@link SvgTimeline}) and a space-time diagram ({@link SpaceTimeDiagram}) of the events
 * around the first unmatched one. CSS and SVG are inline and nothing is loaded, so the file opens offline.
 */
public final class HtmlReport {
    private static final String CSS = """
            body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; }
            h1 { margin-top: 0; } h2 { border-bottom: 1px solid #ccc; padding-bottom: 4px; }
            table { border-collapse: collapse; margin: 8px 0; } td, th { border: 1px solid #ddd; padding: 3px 8px;
              text-align: left; vertical-align: top; } th { background: #f3f3f3; }
            code, .mono, td.value { font-family: ui-monospace, monospace; font-size: 12px; }
            code.line { display: block; white-space: pre-wrap; word-break: break-all; background: #f7f7f7; padding: 6px; }
            .verdict-rejected, .verdict-unsafe { color: #b00020; font-weight: bold; } .verdict-accepted { color: #2e7d32; }
            .reason { font-weight: bold; } section.run { margin-bottom: 40px; }
            svg text { font: 11px ui-monospace, monospace; } .lane { fill: #eee; }
            .axis line { stroke: #555; } .leader { fill: #222; } .restart { fill: #d35400; }
            line.failing-event { stroke: #d00; stroke-width: 2; } rect.failing-event { fill: #fdd; }
            .lifeline { stroke: #bbb; stroke-dasharray: 3 3; } .column-label { font-weight: bold; }
            .event circle { fill: #1565c0; } .event.failing circle { fill: #d00; } .event.failing text { fill: #d00;
              font-weight: bold; }
            .message line { stroke: #555; } .message.from-earlier line, .message.in-flight line { stroke-dasharray: 2 3; }
            .message.in-flight line { stroke: #999; }
            .message.dropped line { stroke: #c62828; stroke-dasharray: 5 3; } .drop { stroke: #c62828; stroke-width: 2; }
            .message-label { fill: #666; font-size: 9px; } .seq { fill: #888; }
            ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: 12px; }
            .swatch { display: inline-block; width: 14px; height: 10px; margin-right: 4px; border: 1px solid #999; }
            .swatch.joint { background-image: repeating-linear-gradient(45deg, rgba(0,0,0,.35) 0 2px, transparent 2px 6px); }
            .swatch.leader { background: #222; height: 4px; } .swatch.failing { background: #d00; width: 3px; }
            .diagram { overflow-x: auto; }
            """;

    private HtmlReport() {
    }

    /** Writes the page to {@code file} (through a temporary file beside it, so a reader never sees half a page). */
    public static void write(ReportContent content, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        // named, not Files.createTempFile: that would leave the report readable by its owner only
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.writeString(tmp, render(content), StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The page as text. */
    public static String render(ReportContent content) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(Html.escape(content.title())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(Html.escape(content.title())).append("</h1>\n<section id=\"summary\">\n<table class=\"summary\">\n");
        for (ReportContent.Fact f : content.summary()) {
            h.append("<tr><th>").append(Html.escape(f.name())).append("</th><td>").append(Html.escape(f.value())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (!content.runs().isEmpty()) {
            h.append("<ul class=\"contents\">\n");
            for (int k = 0; k < content.runs().size(); k++) {
                ReportContent.Run r = content.runs().get(k);
                h.append("<li><a href=\"#run-").append(k + 1).append("\">").append(Html.escape(r.name())).append("</a> <span class=\"")
                        .append(verdictClass(r)).append("\">").append(verdictWord(r)).append("</span></li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("</section>\n");
        for (int k = 0; k < content.runs().size(); k++) {
            run(h, content.runs().get(k), "run-" + (k + 1));
        }
        return h.append("</body>\n</html>\n").toString();
    }

    private static void run(StringBuilder h, ReportContent.Run r, String id) {
        h.append("<section class=\"run ").append(r.failed() ? "failure" : "passed").append("\" id=\"").append(id).append("\">\n");
        h.append("<h2>").append(Html.escape(r.name())).append(" <span class=\"").append(verdictClass(r)).append("\">")
                .append(verdictWord(r)).append("</span></h2>\n<p>trace <code>").append(Html.escape(r.trace())).append("</code>, ")
                .append(r.verdict().events()).append(" events</p>\n");
        if (!r.note().isEmpty()) {
            h.append("<p class=\"note\">").append(Html.escape(r.note())).append("</p>\n");
        }
        r.verdict().diagnosis().ifPresent(d -> diagnosis(h, d));
        Trace trace;
        try {
            trace = new TraceReader().readAll(r.trace());
        } catch (IOException | RuntimeException e) {
            h.append("<p class=\"unreadable\">no diagrams: the trace cannot be read (").append(Html.escape(e.getMessage()))
                    .append(")</p>\n</section>\n");
            return;
        }
        int failingSeq = r.verdict().rejectedAt();
        h.append("<h3>Membership timeline</h3>\n<div class=\"diagram\">\n").append(SvgTimeline.render(trace, failingSeq, id))
                .append("</div>\n");
        if (!trace.events().isEmpty() && (r.failed() || failingSeq > 0)) {
            int focus = failingSeq > 0 ? Math.min(failingSeq, trace.events().size()) - 1 : trace.events().size() - 1;
            int[] w = SpaceTimeDiagram.window(trace.events().size(), focus);
            h.append("<h3>").append(failingSeq > 0 ? "Events around the first unmatched event" : "The last events of the run")
                    .append(" (#").append(w[0] + 1).append(" to #").append(w[1] + 1).append(")</h3>\n<div class=\"diagram\">\n")
                    .append(SpaceTimeDiagram.render(trace, focus, failingSeq > 0)).append("</div>\n");
        }
        h.append("</section>\n");
    }

    private static void diagnosis(StringBuilder h, Diagnosis d) {
        h.append("<div class=\"diagnosis\">\n<p class=\"reason\">").append(Html.escape(d.reason())).append("</p>\n<table>\n");
        row(h, "first unmatched event", "#" + d.eventIndex() + " (line " + (d.eventIndex() + 1) + "), " + d.event());
        row(h, "node", String.valueOf(d.node()));
        h.append("</table>\n<code class=\"line\">").append(Html.escape(d.line())).append("</code>\n");
        if (!d.falseGuards().isEmpty()) {
            h.append("<h4>Guards that are FALSE</h4>\n<ul class=\"false-guards\">\n");
            d.falseGuards().forEach(g -> h.append("<li><code>").append(Html.escape(g)).append("</code></li>\n"));
            h.append("</ul>\n");
        }
        if (!d.differences().isEmpty()) {
            h.append("<h4>What differs</h4>\n<table class=\"differences\">\n<tr><th>kind</th><th>name</th>"
                    + "<th>spec (expected)</th><th>trace (actual)</th></tr>\n");
            for (Diagnosis.Difference x : d.differences()) {
                h.append("<tr><td>").append(Html.escape(x.kind())).append("</td><td>").append(Html.escape(x.name()))
                        .append("</td><td class=\"value\">").append(Html.escape(x.spec())).append("</td><td class=\"value\">")
                        .append(Html.escape(x.trace())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<h4>Spec state of node ").append(d.node()).append(" before the event</h4>\n<table class=\"spec-state\">\n");
        d.specState().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> h.append("<tr><th>").append(Html.escape(e.getKey())).append("</th><td class=\"value\">")
                        .append(Html.escape(e.getValue())).append("</td></tr>\n"));
        h.append("</table>\n</div>\n");
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(value)).append("</td></tr>\n");
    }

    private static String verdictClass(ReportContent.Run r) {
        return "verdict-" + verdictWord(r).toLowerCase(Locale.ROOT);
    }

    private static String verdictWord(ReportContent.Run r) {
        return !r.verdict().accepted() ? "REJECTED" : r.failed() ? "UNSAFE" : "ACCEPTED";
    }
}
