package org.jointraft.conformance.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jointraft.conformance.cli.Main;
import org.jointraft.conformance.report.HtmlReport;
import org.jointraft.conformance.report.ReportContent;
import org.jointraft.conformance.sim.Fault;
import org.jointraft.conformance.sim.SimOptions;
import org.jointraft.conformance.tlc.SpecSource;
import org.jointraft.trace.TraceEvent;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --report FILE} of hunt and check on verdicts TLC really gave, read back with an HTML parser. */
class HtmlReportCommandsTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private static Document parse(Path file) throws IOException {
        return Jsoup.parse(Files.readString(file));
    }

    /** A simulator trace whose first Timeout after event 150 logs one term too many. */
    private Path invalid() throws IOException {
        TraceEdit edit = TraceEdit.of(SimTraces.write(dir, 31));
        int p = edit.find(150, e -> e instanceof TraceEvent.Timeout).orElseThrow();
        TraceEvent.Timeout t = (TraceEvent.Timeout) edit.get(p);
        edit.replace(p, new TraceEvent.Timeout(t.node(), States.term(t.state(), t.state().term() + 1)));
        return edit.write(dir.resolve("invalid.ndjson"));
    }

    @Test
    void checkReportHasEveryTraceAndTheRejectedOnesDiagnosisAndHighlightedEvent() throws IOException {
        Path valid = SimTraces.write(dir, 30);
        Path invalid = invalid();
        Path report = dir.resolve("check.html");

        int code = execute("check", "--report", report.toString(), valid.toString(), invalid.toString());

        assertThat(code).as(err.toString()).isEqualTo(Main.FOUND_PROBLEM);
        assertThat(err.toString()).contains("report written to " + report);
        Document doc = parse(report);
        assertThat(doc.select("section.run")).hasSize(2);
        assertThat(doc.select("svg.timeline")).hasSize(2);
        Element failure = doc.selectFirst("section.failure");
        assertThat(doc.select("section.failure")).hasSize(1);
        assertThat(failure.selectFirst("h2").text()).isEqualTo("invalid.ndjson REJECTED");
        assertThat(failure.select(".diagnosis .reason").text()).contains("term differs");
        String at = failure.select(".diagnosis td").first().text();
        String seq = at.substring(1, at.indexOf(' '));
        assertThat(failure.selectFirst("svg.spacetime g.event.failing text.seq").text()).isEqualTo("#" + seq);
        assertThat(failure.selectFirst("svg.spacetime g.event.failing text.event-label").text()).isEqualTo("Timeout");
    }

    @Test
    void aHuntReportHasASectionPerFailureWithItsDiagrams() throws Exception {
        TraceValidator broken = TraceValidator.local().withSpec(SpecSource.directory(BrokenSpec.timeoutAddsTwo(dir)));
        SimOptions sim = SimOptions.defaults(3).withSteps(200).withFaults(Fault.parseList("drop,membership"));
        Hunt.Options options = new Hunt.Options(sim, 2, 1, dir.resolve("failures"), false, 12);
        Hunt.Report r = new Hunt(broken).run(options, (d, rej, u, stuck) -> { });
        Path report = dir.resolve("hunt.html");

        HtmlReport.write(ReportContent.ofHunt(options, r), report);

        assertThat(r.failures()).hasSize(2);
        Document doc = parse(report);
        assertThat(doc.select("section.failure")).hasSize(2);
        for (Element failure : doc.select("section.failure")) {
            assertThat(failure.select("svg.timeline")).hasSize(1);
            assertThat(failure.select("svg.spacetime #failing-event")).hasSize(1);
            assertThat(failure.select(".diagnosis .reason").text()).contains("post-state field term differs");
        }
        assertThat(doc.select("section.failure h2").eachText()).containsExactly("seed 3 REJECTED", "seed 4 REJECTED");
    }

    @Test
    void aHuntWithoutFailuresStillWritesItsSummary() throws IOException {
        Path report = dir.resolve("hunt.html");

        int code = execute("hunt", "--runs", "3", "--seed", "40", "--steps", "80", "--out", dir.resolve("f").toString(),
                "--report", report.toString());

        assertThat(code).as(err.toString()).isEqualTo(Main.OK);
        Document doc = parse(report);
        assertThat(doc.select("#summary tr").eachText()).contains("runs 3", "accepted 3", "seeds 40 to 42");
        assertThat(doc.select("section.run")).isEmpty();
    }

    @Test
    void aReportThatCouldNotBeWrittenIsRefusedBeforeAnyWork() {
        String missing = dir.resolve("no-such-dir").resolve("r.html").toString();

        int hunt = execute("hunt", "--runs", "100000", "--report", missing);
        int check = execute("check", "--report", missing, dir.resolve("whatever.ndjson").toString());

        assertThat(hunt).isEqualTo(Main.BAD_INPUT);
        assertThat(check).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("--report " + missing + ": not a file in a writable directory")
                .doesNotContain("hunt: 100000 runs").doesNotContain("check: validating");
    }
}
