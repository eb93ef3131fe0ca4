package org.jointraft.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jointraft.conformance.sim.Coverage;
import org.jointraft.conformance.sim.Shape;
import org.jointraft.conformance.sim.SimFlags;
import org.jointraft.conformance.sim.Simulator;
import org.jointraft.conformance.validate.EventCountJudge;
import org.jointraft.conformance.validate.Hunt;
import org.jointraft.trace.TraceCursor;
import org.jointraft.trace.TraceReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jointraft hunt}'s output handling and its own options, with a stand-in for TLC ({@link EventCountJudge}). */
class HuntCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Clock NOON = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);
    /** Three short runs, every one rejected by {@code new EventCountJudge(10)}. */
    private static final List<String> THREE_FAILING = List.of("--runs", "3", "--seed", "1", "--steps", "40", "--jobs", "1");

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
        JsonNode json() throws IOException {
            return MAPPER.readTree(out);
        }
    }

    private static Run hunt(EventCountJudge judge, Path out, String... more) {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        List<String> args = new ArrayList<>(List.of("hunt", "--out", out.toString()));
        args.addAll(THREE_FAILING);
        args.addAll(List.of(more));
        int code = Main.commandLine(new PrintWriter(stdout, true), new PrintWriter(stderr, true),
                List.of(new HuntCommand(() -> new Hunt(judge, NOON)))).execute(args.toArray(String[]::new));
        return new Run(code, stdout.toString(), stderr.toString());
    }

    /** Turns the hunt's folder in {@code out} into a file while the hunt runs: nothing can be saved any more. */
    private static EventCountJudge.Hook breakFolderIn(Path out) {
        return traces -> {
            try (Stream<Path> folders = Files.list(out)) {
                Path folder = folders.findFirst().orElseThrow();
                Files.delete(folder);
                Files.writeString(folder, "not a folder");
            }
        };
    }

    @Test
    void anOutThatCannotHoldAFolderIsRefusedBeforeAnyRun() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "mine");
        EventCountJudge judge = new EventCountJudge(10);

        Run r = hunt(judge, file.resolve("below"));

        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("--out " + file.resolve("below") + ": cannot create a hunt folder");
        assertThat(r.out()).isEmpty();
        assertThat(judge.calls()).isZero();
    }

    @Test
    void aFailureThatCannotBeSavedStillGetsTheSummaryAndExitCodeTwo() throws IOException {
        Path text = dir.resolve("text");
        Path json = dir.resolve("json");

        Run summary = hunt(new EventCountJudge(10, breakFolderIn(text)), text, "--shape", "default");
        Run object = hunt(new EventCountJudge(10, breakFolderIn(json)), json, "--shape", "default", "--json");

        assertThat(summary.code()).as(summary.err()).isEqualTo(Main.BAD_INPUT);
        assertThat(summary.out()).contains("runs:      3 (0 accepted, 3 rejected by TLC")
                .contains("NOT SAVED: ").contains("regenerate it with: ./jointraft simulate --seed 3 --nodes 3")
                .contains("3 failure(s) could not be saved (exit code 2)").doesNotContain("saved in:");
        assertThat(object.code()).isEqualTo(Main.BAD_INPUT);
        JsonNode o = object.json();
        assertThat(o.get("unsaved").asInt()).isEqualTo(3);
        assertThat(o.get("folder").isNull()).isTrue();
        assertThat(o.get("failures")).hasSize(3).allSatisfy(f -> {
            assertThat(f.get("saved").isNull()).isTrue();
            assertThat(f.get("trace").isNull()).isTrue();
            assertThat(f.get("verdict").get("trace").isNull()).isTrue();
            assertThat(f.get("saveError").asText()).isNotEmpty();
        });
    }

    /** Every path-valued field of a hunt's JSON, wherever it is. */
    private static List<String> paths(JsonNode node) {
        List<String> found = new ArrayList<>();
        node.fields().forEachRemaining(e -> {
            if (List.of("folder", "saved", "trace").contains(e.getKey()) && e.getValue().isTextual()) {
                found.add(e.getValue().asText());
            }
            found.addAll(paths(e.getValue()));
        });
        node.elements().forEachRemaining(e -> {
            if (node.isArray()) {
                found.addAll(paths(e));
            }
        });
        return found;
    }

    @Test
    void everyPathInTheJsonIsASavedFileAndTheProgressNamesEachStep() throws IOException {
        Path out = dir.resolve("out");

        Run r = hunt(new EventCountJudge(10), out, "--json", "--shrink-budget", "8");

        assertThat(r.code()).as(r.err()).isEqualTo(Main.FOUND_PROBLEM);
        JsonNode o = r.json();
        assertThat(o.get("failures")).hasSize(3);
        assertThat(o.get("failures").get(0).get("shrunk").get("trace").asText()).endsWith("shrunk.ndjson");
        List<String> paths = paths(o);
        assertThat(paths).hasSize(1 + 3 * 4); // the folder; per failure saved, trace, verdict's trace, shrunk trace
        assertThat(paths).allSatisfy(p -> {
            assertThat(Path.of(p)).exists();
            assertThat(Path.of(p)).startsWith(out);
        });
        assertThat(r.err()).contains("REJECTED seed 1 (Timeout not enabled").contains(": saved in " + out)
                .contains("shrinking 3 failure(s) in seed order, 1 at a time, at most 8 candidates each and 120 s in all")
                .contains("shrunk 1/3: seed 1 from 40 steps").contains("shrunk 3/3: seed 3");
    }

    @Test
    void twoHuntsRunningAtOnceIntoTheSameOutReportTheirOwnFolders() throws Exception {
        Path out = dir.resolve("out");
        CyclicBarrier bothJudging = new CyclicBarrier(2);
        EventCountJudge.Hook meet = traces -> {
            try {
                bothJudging.await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException(e);
            }
        };
        ExecutorService two = Executors.newFixedThreadPool(2);
        Future<Run> a = two.submit(() -> hunt(new EventCountJudge(10, meet), out, "--json", "--no-shrink"));
        Future<Run> b = two.submit(() -> hunt(new EventCountJudge(10, meet), out, "--json", "--no-shrink"));
        List<JsonNode> results = List.of(a.get(60, TimeUnit.SECONDS).json(), b.get(60, TimeUnit.SECONDS).json());
        two.shutdown();

        assertThat(results.get(0).get("folder").asText()).isNotEqualTo(results.get(1).get("folder").asText());
        for (JsonNode o : results) {
            Path folder = Path.of(o.get("folder").asText());
            assertThat(o.get("failures")).hasSize(3).allSatisfy(f -> {
                assertThat(Path.of(f.get("trace").asText())).isRegularFile().startsWith(folder);
                assertThat(f.get("shrunk").isNull()).isTrue();
                assertThat(f.get("notShrunk").asText()).isEqualTo("shrinking is off");
            });
        }
        try (Stream<Path> folders = Files.list(out)) {
            assertThat(folders.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("hunt-20261202T120000Z-seed1", "hunt-20261202T120000Z-seed1-2");
        }
    }

    @Test
    void aHuntWithoutShapeRunsTheMixEachSeedWithItsShapeReportsCoverageAndSavesFailuresThatReplayAsTheirShape()
            throws IOException {
        Run text = hunt(new EventCountJudge(Integer.MAX_VALUE), dir.resolve("text"));
        Run json = hunt(new EventCountJudge(10), dir.resolve("json"), "--json", "--no-shrink");

        assertThat(text.code()).as(text.err()).isEqualTo(Main.OK);
        assertThat(text.err()).contains("shape mix: each run's shape picked from its seed");
        assertThat(text.out()).contains("coverage (runs of 3 that reached each hard path):")
                .contains("  conflict-truncation ").contains("  multi-term-repair ");
        JsonNode o = json.json();
        assertThat(o.get("coverage").size()).isEqualTo(Coverage.Counter.values().length);
        assertThat(o.get("failures")).hasSize(3);
        for (JsonNode f : o.get("failures")) {
            long seed = f.get("seed").asLong();
            Shape shape = Shape.MIX.forSeed(seed);
            String options = f.get("options").asText();
            assertThat(options).isEqualTo(SimFlags.parse("--shape mix --steps 40", seed).format());
            assertThat(options.startsWith("--shape ")).isEqualTo(shape != Shape.DEFAULT);
            try (TraceCursor trace = new TraceReader().open(Path.of(f.get("trace").asText()))) {
                assertThat(Simulator.optionsOf(trace.header())).isEqualTo(SimFlags.parse(options, seed));
            }
            assertThat(Files.readString(Path.of(f.get("saved").asText()).resolve("reproduce.txt")))
                    .contains("--seed " + seed + " " + options);
        }
        assertThat(o.get("failures").findValuesAsText("options")).anyMatch(opt -> opt.startsWith("--shape "));
    }
}
