package org.jointraft.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jointraft.conformance.bugzoo.BugResult;
import org.jointraft.conformance.bugzoo.HuntOutcome;
import org.jointraft.conformance.report.JsonOutput;
import org.jointraft.conformance.sim.Coverage;
import org.jointraft.conformance.sim.SimOptions;
import org.jointraft.conformance.tlc.ModelCheck;
import org.jointraft.conformance.tlc.ModelCheckSuite;
import org.jointraft.conformance.tlc.TlcErrorKind;
import org.jointraft.conformance.tlc.TlcOutput;
import org.jointraft.conformance.tlc.TlcResult;
import org.jointraft.conformance.tlc.TlcStats;
import org.jointraft.conformance.validate.Hunt;
import org.jointraft.conformance.validate.TraceCheck;
import org.jointraft.conformance.validate.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The field names, in order, of every command's {@code --json} output: scripts parse them, so they stay put. */
class JsonShapeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode json(Object record) throws Exception {
        return MAPPER.readTree(JsonOutput.line(record));
    }

    private JsonNode run(String... args) throws Exception {
        return runExiting(0, args);
    }

    private JsonNode runExiting(int code, String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(Main.execute(new PrintWriter(out), new PrintWriter(err), args)).as(err.toString()).isEqualTo(code);
        return MAPPER.readTree(out.toString());
    }

    private static final List<String> COUNTERS = List.of("conflict-truncation", "membership-revert",
            "joint-to-joint", "leader-change-between-steps", "stale-term-response", "duplicate-delivered",
            "in-place-restart", "crash-before-sync", "removed-leader-step-down", "multi-term-repair", "snapshot-taken",
            "snapshot-installed", "install-kept-suffix", "install-discarded-log", "install-discarded-membership");

    @Test
    void simulateOfAShapeNamesTheShapeTheSeedPicked() throws Exception {
        JsonNode o = run("simulate", "--seed", "4", "--shape", "crash-heavy", "--steps", "100", "--out",
                dir.toString(), "--json");

        assertThat(o.get("shape").asText()).isEqualTo("crash-heavy");
        assertThat(o.get("options").asText()).startsWith("--shape crash-heavy --nodes 5");
    }

    private static final List<String> RUN = List.of("scenario", "trace", "events", "ticks", "seed", "nodes",
            "finalMembership", "calls", "violation");

    @Test
    void simulateWithTheLivenessPhasePrintsItsOutcome() throws Exception {
        JsonNode held = run("simulate", "--seed", "1", "--out", dir.toString(), "--json");
        JsonNode failed = runExiting(1, "simulate", "--seed", "1", "--steps", "0", "--heal-ticks", "1", "--out",
                dir.toString(), "--json");

        assertThat(fields(held.get("liveness"))).containsExactly("held", "ticks", "bound", "condition", "detail");
        assertThat(held.get("liveness").get("held").asBoolean()).isTrue();
        assertThat(held.get("liveness").get("condition").isNull()).isTrue();
        assertThat(held.get("options").asText()).as("auto is the default").doesNotContain("--heal-ticks");
        assertThat(failed.get("options").asText()).endsWith("--heal-ticks 1");
        assertThat(failed.get("liveness").get("held").asBoolean()).isFalse();
        assertThat(failed.get("liveness").get("condition").asText()).isEqualTo("one-leader");
        assertThat(failed.get("liveness").get("ticks").asLong()).isEqualTo(1);
    }

    @Test
    void simulatePrintsTheRunWithItsCallsAndOptions() throws Exception {
        JsonNode o = run("simulate", "--seed", "4", "--nodes", "4", "--steps", "200", "--membership-rate", "0.1",
                "--out", dir.toString(), "--json");

        List<String> expected = new ArrayList<>(RUN);
        expected.addAll(List.of("options", "shape", "coverage", "liveness"));
        assertThat(fields(o)).containsExactlyElementsOf(expected);
        assertThat(o.get("shape").asText()).isEqualTo("default");
        assertThat(o.get("liveness").get("held").asBoolean()).as("the liveness phase is on by default").isTrue();
        assertThat(fields(o.get("coverage"))).containsExactlyElementsOf(COUNTERS);
        o.get("coverage").forEach(n -> assertThat(n.isIntegralNumber()).isTrue());
        assertThat(fields(o.get("finalMembership"))).containsExactly("configs", "learners");
        JsonNode ok = null;
        for (JsonNode call : o.get("calls")) {
            if (call.get("result").asText().equals("ok") && !call.has("target")) {
                ok = call;
            }
        }
        assertThat(ok).as("a call of changes that succeeded").isNotNull();
        assertThat(fields(ok)).containsExactly("id", "node", "operation", "changes", "retain", "result", "membership",
                "startTick", "endTick");
        assertThat(fields(ok.get("changes").get(0))).containsExactly("type", "nodes");
        assertThat(o.get("violation").isNull()).isTrue();
    }

    @Test
    void aScenarioAddsCallNamesItsVerdictAndItsChecks() throws Exception {
        JsonNode o = run("scenario", "parallel-change-membership", "--out", dir.toString(), "--json");

        List<String> expected = new ArrayList<>(RUN);
        expected.addAll(List.of("passed", "scriptError", "checks"));
        assertThat(fields(o)).containsExactlyElementsOf(expected);
        assertThat(fields(o.get("calls").get(0))).startsWith("id", "name", "node");
        assertThat(fields(o.get("checks").get(0))).containsExactly("check", "passed");
    }

    @Test
    void checkPrintsOneResultPerFileWithItsStatusAndNullsForWhatItLacks() throws Exception {
        Verdict accepted = new Verdict(Path.of("t.ndjson"), 12, true, Optional.empty(), 0.12345);
        TraceCheck bad = TraceCheck.error("b.ndjson", new TraceCheck.Problem("line 3: field \"node\": missing", 3, "node"));
        TraceCheck missing = TraceCheck.error("m.ndjson", TraceCheck.Problem.ofFile("no such file"));

        JsonNode o = json(CheckCommand.CheckJson.of(List.of(TraceCheck.of("<stdin>", accepted), bad, missing)));

        assertThat(fields(o)).containsExactly("results");
        JsonNode v = o.get("results").get(0);
        assertThat(fields(v)).containsExactly("trace", "status", "events", "rejectedAt", "reason", "seconds", "error");
        assertThat(v.get("trace").asText()).isEqualTo("<stdin>");
        assertThat(v.get("status").asText()).isEqualTo("accepted");
        assertThat(v.get("rejectedAt").isNull()).isTrue();
        assertThat(v.get("error").isNull()).isTrue();
        assertThat(v.get("seconds").asDouble()).isEqualTo(0.123);
        JsonNode e = o.get("results").get(1);
        assertThat(fields(e)).containsExactly("trace", "status", "events", "rejectedAt", "reason", "seconds", "error");
        assertThat(e.get("status").asText()).isEqualTo("error");
        assertThat(e.get("events").isNull()).isTrue();
        assertThat(fields(e.get("error"))).containsExactly("message", "line", "field");
        assertThat(e.get("error").get("line").asInt()).isEqualTo(3);
        assertThat(o.get("results").get(2).get("error").get("line").isNull()).isTrue();
        assertThat(o.get("results").get(2).get("error").get("field").isNull()).isTrue();
    }

    @Test
    void huntPrintsItsCountsAndEachFailureWithItsKindInLowerCase() throws Exception {
        Verdict accepted = new Verdict(Path.of("hunt-x", "seed-7", "trace.ndjson"), 12, true, Optional.empty(), 1);
        Hunt.Failure unsafe = new Hunt.Failure(7, Hunt.FailureKind.UNSAFE, "election safety violated",
                SimOptions.defaults(7), false, accepted, Path.of("hunt-x", "seed-7"), null, null, "shrinking is off");

        Map<String, Long> coverage = new Coverage.Tally().add(Coverage.none()).asMap();
        coverage.put("in-place-restart", 1L);
        JsonNode o = json(HuntCommand.HuntJson.of(new Hunt.Report(2, 1, 1, 0, 1, 12, 12, 2.345, Path.of("hunt-x"),
                List.of(unsafe), coverage)));

        assertThat(fields(o)).containsExactly("runs", "requested", "accepted", "rejected", "unsafe", "livenessFailures",
                "events", "seconds", "folder", "unsaved", "failures", "coverage");
        assertThat(fields(o.get("coverage"))).containsExactlyElementsOf(COUNTERS);
        assertThat(o.get("coverage").get("in-place-restart").asLong()).isEqualTo(1);
        assertThat(o.get("coverage").get("conflict-truncation").asLong()).isZero();
        assertThat(o.get("seconds").asDouble()).isEqualTo(2.3);
        assertThat(o.get("requested").asInt()).isEqualTo(2);
        JsonNode f = o.get("failures").get(0);
        assertThat(fields(f)).containsExactly("seed", "kind", "reason", "options", "saved", "trace", "saveError",
                "verdict", "shrunk", "notShrunk");
        assertThat(f.get("kind").asText()).isEqualTo("unsafe");
        assertThat(f.get("trace").asText()).isEqualTo(Path.of("hunt-x", "seed-7", "trace.ndjson").toString());
        assertThat(f.get("shrunk").isNull()).isTrue();
    }

    @Test
    void anUnsavedHuntFailureHasNoPathsAndSaysWhy() throws Exception {
        Verdict accepted = new Verdict(Path.of("/tmp/deleted-run-7.ndjson"), 12, true, Optional.empty(), 1);
        Hunt.Failure unsaved = new Hunt.Failure(7, Hunt.FailureKind.UNSAFE, "election safety violated",
                SimOptions.defaults(7), false, accepted, null, "NoSuchFileException: x", null, "not saved");

        JsonNode o = json(HuntCommand.HuntJson.of(new Hunt.Report(1, 1, 1, 0, 1, 12, 12, 1, null, List.of(unsaved))));

        assertThat(o.get("folder").isNull()).isTrue();
        assertThat(o.get("unsaved").asInt()).isEqualTo(1);
        JsonNode f = o.get("failures").get(0);
        assertThat(f.get("saved").isNull()).isTrue();
        assertThat(f.get("trace").isNull()).isTrue();
        assertThat(f.get("verdict").get("trace").isNull()).isTrue();
        assertThat(f.get("saveError").asText()).contains("NoSuchFileException");
        assertThat(f.get("options").asText()).isEqualTo(SimOptions.defaults(7).format());
    }

    @Test
    void modelCheckNamesTheOutcomeAndAddsErrorAndMessageOnlyWhenTlcFailed() throws Exception {
        TlcStats stats = new TlcStats(10, 5, 3, 1.26);
        TlcOutput output = new TlcOutput(0, "", List.of(), Optional.empty());
        ModelCheck.Report ok = new ModelCheck.Report("M_ci.cfg", ModelCheck.Mode.CHECK,
                List.of(new ModelCheck.Witness("W", true, List.of())), List.of("A", "B"), Map.of("A", 1),
                new TlcResult.Ok(stats, output), null);
        ModelCheck.Report failed = new ModelCheck.Report("M_x.cfg", ModelCheck.Mode.CHECK, List.of(), List.of("A", "B"),
                Map.of(), new TlcResult.Error(TlcErrorKind.PARSE, "bad", 1, List.of(), stats, output), null);

        JsonNode o = json(ModelCheckOutput.json(new ModelCheckSuite("ci", List.of(new ModelCheckSuite.Config("ci", ok),
                new ModelCheckSuite.Config("x", failed)), true), false));

        assertThat(fields(o)).containsExactly("result", "config", "states", "distinct", "seconds", "witnesses",
                "actions", "configs");
        assertThat(o.get("result").asText()).isEqualTo("error");
        assertThat(o.get("seconds").asDouble()).isEqualTo(2.5);
        assertThat(fields(o.get("witnesses").get(0))).containsExactly("name", "config", "reached", "depth");
        assertThat(fields(o.get("actions").get(1))).containsExactly("name", "fired", "configs");
        assertThat(o.get("actions").get(1).get("fired").asBoolean()).isFalse();
        JsonNode first = o.get("configs").get(0);
        assertThat(fields(first)).containsExactly("name", "cfg", "mode", "result", "states", "distinct", "depth",
                "seconds", "witnesses", "actions_fired");
        assertThat(first.get("result").asText()).isEqualTo("ok");
        assertThat(first.get("seconds").asDouble()).isEqualTo(1.3);
        JsonNode second = o.get("configs").get(1);
        assertThat(fields(second)).containsExactly("name", "cfg", "mode", "result", "states", "distinct", "depth",
                "seconds", "error", "message", "witnesses", "actions_fired");
        assertThat(second.get("error").asText()).isEqualTo("PARSE");
    }

    @Test
    void bugzooPrintsOneRowPerBugWithItsJudgeInLowerCase() throws Exception {
        BugResult caught = new BugResult("vote-not-durable", true, 3, 12.5, "TLC rejects event 9: ...",
                HuntOutcome.Judge.TLC, 3, "--nodes 3");

        JsonNode o = json(new BugzooCommand.BugzooJson(List.of(caught), 1, 1));

        assertThat(fields(o)).containsExactly("bugs", "caught", "total");
        assertThat(fields(o.get("bugs").get(0))).containsExactly("name", "caught", "runs", "seconds", "reason", "judge",
                "seed", "options");
        assertThat(o.get("bugs").get(0).get("judge").asText()).isEqualTo("tlc");
        assertThat(MAPPER.readValue("{\"caught\":true,\"runs\":1,\"judge\":\"simulator\",\"reason\":\"r\","
                + "\"seed\":1,\"options\":\"\",\"events\":5}", HuntOutcome.class).judge())
                .isEqualTo(HuntOutcome.Judge.SIMULATOR);
    }

    @Test
    void benchValidatePutsTheTimeRatiosBetweenTheSingleTracesAndTheHunt() throws Exception {
        BenchValidateCommand.BenchJson bench = new BenchValidateCommand.BenchJson("0.5", 2,
                List.of(new BenchValidateCommand.SingleJson(100, true, 0.5)), Map.of("timeRatio_10_over_1", 2.0),
                new BenchValidateCommand.HuntJson(1, 1, 250, 100, 100, 0, 1.5, 40), "0.6");

        JsonNode o = json(bench);

        assertThat(fields(o)).containsExactly("loadBefore", "cores", "singleTraces", "timeRatio_10_over_1", "hunt",
                "loadAfter");
        assertThat(fields(o.get("singleTraces").get(0))).containsExactly("events", "accepted", "seconds",
                "eventsPerSecond");
        assertThat(o.get("singleTraces").get(0).get("eventsPerSecond").asLong()).isEqualTo(200);
        assertThat(fields(o.get("hunt"))).containsExactly("runs", "jobs", "stepsPerRun", "events", "minEventsPerRun",
                "rejected", "seconds", "runsPerMinute");
    }
}
