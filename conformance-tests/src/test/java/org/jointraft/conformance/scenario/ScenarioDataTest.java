package org.jointraft.conformance.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jointraft.conformance.report.TimelineRenderer;
import org.jointraft.core.Membership;
import org.jointraft.datadriven.Command;
import org.jointraft.datadriven.DataDriven;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The scenario catalogue as golden files: {@code src/test/resources/testdata/scenarios/NAME.txt} for each scenario,
 * one test per file (format: {@link org.jointraft.datadriven.DataDriven}; {@code mvn test -pl conformance-tests -am
 * -Dtest=ScenarioDataTest -Dsurefire.failIfNoSpecifiedTests=false -Drewrite=true} regenerates the outputs). What is
 * golden is what a reviewer reads in a diff: the membership timeline, each call's outcome, the log's member entries and
 * each check's verdict; the trace itself is not (its determinism is {@link CatalogueTest}'s). Commands:
 * <ul>
 * <li>{@code run NAME}: runs the scenario; prints its size and whether it passed</li>
 * <li>{@code timeline}: the membership timeline, the calls and the final membership, as {@code jointraft scenario}
 * prints them</li>
 * <li>{@code log}: the member entries of the final leader's log (or the most advanced node's)</li>
 * <li>{@code facts}: what the script recorded</li>
 * <li>{@code checks}: each check's verdict, with what was found when it failed</li>
 * </ul>
 */
class ScenarioDataTest {

    private static final Path DIR = Path.of("src/test/resources/testdata/scenarios");

    @TestFactory
    Stream<DynamicTest> scenarios() {
        return DataDriven.tests(DIR, () -> new Runs()::run);
    }

    @Test
    void everyCatalogueScenarioHasAFileAndEveryFileAScenario() throws IOException {
        List<String> files;
        try (Stream<Path> list = Files.list(DIR)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt"))
                    .map(n -> n.substring(0, n.length() - ".txt".length())).sorted().toList();
        }
        assertThat(files).containsExactlyInAnyOrderElementsOf(Catalogue.names());
    }

    /** The last scenario a file ran. */
    private static final class Runs {
        private ScenarioResult last;

        String run(Command c) {
            if (c.name().equals("run")) {
                last = run(Catalogue.byName(c.positional(0))
                        .orElseThrow(() -> c.problem("no scenario " + c.positional(0) + " in the catalogue")));
                var r = last.outcome().run();
                return r.events() + " events, " + r.ticks() + " ticks: " + (last.passed() ? "passed" : "FAILED")
                        + (last.outcome().scriptError() == null ? "" : "\nscript stopped: " + last.outcome().scriptError())
                        + (r.safe() ? "" : "\nsafety: " + r.violation().describe());
            }
            if (last == null) {
                throw c.problem("run a scenario first");
            }
            return switch (c.name()) {
                case "timeline" -> TimelineRenderer.render(last.outcome().run());
                case "log" -> String.join("\n", last.outcome().logMemberships().stream().map(Membership::toString)
                        .toList());
                case "facts" -> {
                    List<String> lines = new ArrayList<>();
                    new TreeMap<>(last.outcome().facts()).forEach((k, v) -> lines.add(k + ": " + v));
                    yield String.join("\n", lines);
                }
                case "checks" -> {
                    List<String> lines = new ArrayList<>();
                    for (ScenarioResult.CheckResult check : last.checks()) {
                        lines.add((check.passed() ? "ok    " : "FAIL  ") + check.description()
                                + (check.passed() || check.detail().isEmpty() ? "" : ": " + check.detail()));
                    }
                    yield String.join("\n", lines);
                }
                default -> throw c.problem("unknown command");
            };
        }

        /** Traced to a scratch file: the timeline's event numbers count trace events. */
        private static ScenarioResult run(Scenario s) {
            try {
                Path trace = Files.createTempFile("scenario-", ".ndjson");
                try {
                    return ScenarioRunner.run(s, trace);
                } finally {
                    Files.deleteIfExists(trace);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
