package org.jointraft.conformance.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.jointraft.conformance.report.HtmlReport;
import org.jointraft.conformance.report.ReportContent;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The {@code --report FILE} option of hunt and check (a mixin): checked before any work, written after it. */
final class ReportFile {

    @Option(names = "--report", paramLabel = "FILE",
            description = "also write a self-contained HTML report (summary, diagnoses, membership timelines, "
                    + "space-time diagrams) to FILE")
    Path file;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    /** Refuses a FILE that could not be written, so no hunt runs for a report that would be lost. */
    void check() {
        if (file == null) {
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file) || dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--report " + file
                    + ": not a file in a writable directory");
        }
    }

    /** Writes the report when one was asked for; false (with a message) when that failed. */
    boolean write(Supplier<ReportContent> content, PrintWriter err) {
        if (file == null) {
            return true;
        }
        try {
            HtmlReport.write(content.get(), file);
            err.println("report written to " + file);
            return true;
        } catch (IOException e) {
            err.println("jointraft " + mixee.name() + ": cannot write the report " + file + " (" + e + ")");
            return false;
        } finally {
            err.flush();
        }
    }
}
