package org.jointraft.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jointraft.conformance.sim.Fault;
import org.jointraft.conformance.sim.SimOptions;
import org.jointraft.conformance.sim.Simulator;
import org.jointraft.conformance.validate.Diagnosis;
import org.jointraft.conformance.validate.Verdict;
import org.jointraft.trace.TraceReader;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report's structure, read back with a real HTML parser; no TLC (the verdicts are made here). */
class HtmlReportTest {
    private static final String HOSTILE = "<script>alert('x')</script> & \"quoted\"";

    @TempDir
    Path dir;

    private Path trace(long seed) throws IOException {
        Path file = dir.resolve("sim-" + seed + ".ndjson");
        Simulator.run(SimOptions.defaults(seed).withNodes(5).withVoters(3).withSteps(300).withFaults(Fault.all())
                .withMembershipRate(0.05).withTrace(file));
        return file;
    }

    private static int events(Path trace) throws IOException {
        return new TraceReader().readAll(trace).events().size();
    }

    private static Verdict rejectedAt(Path trace, int seq) throws IOException {
        String line = Files.readAllLines(trace).get(seq);
        Diagnosis d = new Diagnosis(seq, line, 2, "Timeout", Map.of("currentTerm", "3", "state", HOSTILE),
                List.of("IsFollower(" + HOSTILE + ")"),
                List.of(new Diagnosis.Difference(Diagnosis.Difference.Kind.FIELD, "term", "4", "5")));
        return new Verdict(trace, events(trace), false, Optional.of(d), 1.5);
    }

    private Document render(ReportContent content) throws IOException {
        Path file = dir.resolve("report.html");
        HtmlReport.write(content, file);
        return Jsoup.parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void aSectionPerRunWithTheDiagnosisTimelineAndSpaceTimeDiagramOfEachFailure() throws IOException {
        Path bad = trace(3);
        Path good = trace(4);
        Verdict rejected = rejectedAt(bad, 120);
        Verdict accepted = new Verdict(good, events(good), true, Optional.empty(), 0.5);

        Document doc = render(ReportContent.ofCheck(List.of(rejected, accepted)));

        assertThat(doc.select("section.run")).hasSize(2);
        assertThat(doc.select("section.failure")).hasSize(1);
        assertThat(doc.select("section.run svg.timeline")).hasSize(2);
        Element failure = doc.selectFirst("section.failure");
        assertThat(failure.select("svg.spacetime")).hasSize(1);
        assertThat(failure.select(".diagnosis .reason").text()).contains("Timeout not enabled").contains(HOSTILE);
        assertThat(failure.select(".false-guards li").text()).isEqualTo("IsFollower(" + HOSTILE + ")");
        assertThat(failure.select("table.differences td").eachText()).containsExactly("field", "term", "4", "5");
        assertThat(failure.select("table.spec-state th").eachText()).containsExactly("currentTerm", "state");
        assertThat(failure.select("code.line").text()).contains("\"seq\":120");
        assertThat(doc.select("section.passed svg.spacetime")).isEmpty();
        assertThat(doc.select("#summary td").eachText()).containsExactly("2", "1", "1", "2.0");
    }

    @Test
    void theFailingEventIsHighlightedInBothDiagrams() throws IOException {
        Path bad = trace(3);

        Document doc = render(ReportContent.ofCheck(List.of(rejectedAt(bad, 120))));

        Element failing = doc.selectFirst("svg.spacetime g.event.failing");
        assertThat(failing).as("the highlighted event of the space-time diagram").isNotNull();
        assertThat(failing.selectFirst("title").text()).startsWith("#120 ");
        assertThat(failing.selectFirst("text.seq").text()).isEqualTo("#120");
        assertThat(doc.select("svg.spacetime #failing-event")).hasSize(1);
        assertThat(doc.select("svg.timeline line.failing-event title").text()).isEqualTo("first unmatched event #120");
        // the window: BEFORE events up to it and AFTER past it
        assertThat(doc.select("svg.spacetime g.event")).hasSize(SpaceTimeDiagram.BEFORE + SpaceTimeDiagram.AFTER + 1);
        assertThat(doc.select("svg.spacetime g.message")).isNotEmpty();
        assertThat(doc.select("svg.spacetime g.message.in-flight")).isNotEmpty();
        for (String title : doc.select("svg.spacetime g.message title").eachText()) {
            Matcher m = Pattern.compile(".*, sent at #(\\d+), (received|dropped|not yet received) at #(\\d+)").matcher(title);
            assertThat(m.matches()).as(title).isTrue();
            int sent = Integer.parseInt(m.group(1));
            int then = Integer.parseInt(m.group(3));
            assertThat(m.group(2).equals("not yet received") ? sent <= then : sent < then).as(title).isTrue();
        }
    }

    @Test
    void everyPieceOfDataIsEscapedAndNothingIsLoadedFromOutside() throws IOException {
        Path bad = trace(3);

        Document doc = render(ReportContent.ofCheck(List.of(rejectedAt(bad, 60))));

        assertThat(doc.select("script, link, img, iframe, object, embed")).isEmpty();
        // the hostile text comes back as text, wherever it was put
        assertThat(doc.select("table.spec-state td").eachText()).contains(HOSTILE);
        assertThat(doc.select(".false-guards li").text()).isEqualTo("IsFollower(" + HOSTILE + ")");
        for (Element e : doc.getAllElements()) {
            e.attributes().forEach(a -> assertThat(a.getValue()).as(e.tagName() + " " + a.getKey()).doesNotContainIgnoringCase("http"));
        }
        assertThat(doc.select("style").html()).doesNotContain("@import").doesNotContain("url(");
    }

    @Test
    void membershipsAreDrawnPerNodeWithJointPeriodsMarked() throws IOException {
        Path trace = trace(3);

        Document doc = render(ReportContent.ofCheck(List.of(rejectedAt(trace, 60))));

        Element svg = doc.selectFirst("svg.timeline");
        assertThat(svg.select("text.lane-label").eachText()).containsExactly("node 1", "node 2", "node 3", "node 4", "node 5");
        assertThat(svg.select("g.segment")).isNotEmpty();
        assertThat(svg.select("g.segment.joint title").eachText()).isNotEmpty().allMatch(t -> t.contains("[{"));
        assertThat(doc.select("ul.legend li").eachText()).anyMatch(t -> t.endsWith("(joint)"));
    }

    @Test
    void anUnsafeRunThatTlcAcceptedShowsItsLastEventsWithoutAHighlight() throws IOException {
        Path trace = trace(5);
        int events = events(trace);
        Verdict accepted = new Verdict(trace, events, true, Optional.empty(), 0.5);
        ReportContent content = new ReportContent("hunt", List.of(), List.of(
                new ReportContent.Run("seed 5", trace, accepted, "simulator safety check: two leaders in term 3", true)));

        Document doc = render(content);

        Element failure = doc.selectFirst("section.failure");
        assertThat(failure.selectFirst("h2").text()).isEqualTo("seed 5 UNSAFE");
        assertThat(failure.select("p.note").text()).isEqualTo("simulator safety check: two leaders in term 3");
        assertThat(failure.select(".diagnosis")).isEmpty();
        assertThat(failure.select("h3").eachText()).containsExactly("Membership timeline",
                "The last events of the run (#" + (events - SpaceTimeDiagram.BEFORE) + " to #" + events + ")");
        assertThat(failure.select("svg.spacetime g.event")).hasSize(SpaceTimeDiagram.BEFORE + 1);
        assertThat(doc.select(".failing-event, .event.failing")).isEmpty();
    }

    @Test
    void aTraceThatCannotBeReadGetsAMessageInsteadOfDiagrams() throws IOException {
        Path bad = trace(3);
        Verdict v = rejectedAt(bad, 60);
        Files.delete(bad);

        Document doc = render(ReportContent.ofCheck(List.of(v)));

        assertThat(doc.select("section.failure .diagnosis")).hasSize(1);
        assertThat(doc.select("section.failure p.unreadable").text()).startsWith("no diagrams: the trace cannot be read");
        assertThat(doc.select("svg")).isEmpty();
    }
}
