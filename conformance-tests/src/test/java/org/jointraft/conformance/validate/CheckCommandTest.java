package org.jointraft.conformance.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jointraft.conformance.cli.Main;
import org.jointraft.trace.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jointraft check} through the real command line (the spec comes from the classpath). */
class CheckCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int check(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "check";
        System.arraycopy(args, 0, all, 1, args.length);
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
    }

    /** A trace whose third line misspells "node": the reader refuses it at line 3, field "nod". */
    private Path malformed() throws IOException {
        Path trace = SimTraces.write(dir, 32);
        List<String> lines = new ArrayList<>(Files.readAllLines(trace));
        lines.set(2, lines.get(2).replace("\"node\":", "\"nod\":"));
        return Files.write(dir.resolve("malformed.ndjson"), lines);
    }

    private Path invalid() throws IOException {
        TraceEdit edit = TraceEdit.of(SimTraces.write(dir, 31));
        int p = edit.find(0, e -> e instanceof TraceEvent.Timeout).orElseThrow();
        TraceEvent.Timeout t = (TraceEvent.Timeout) edit.get(p);
        edit.replace(p, new TraceEvent.Timeout(t.node(), States.term(t.state(), t.state().term() + 1)));
        return edit.write(dir.resolve("invalid.ndjson"));
    }

    private static Path corpus(String name) {
        try {
            return Path.of(CheckCommandTest.class.getResource("/traces/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSchemaVersion1TraceGetsItsVerdictWithAWarningThatCallsWereNotChecked() throws IOException {
        Path v1 = corpus("v1/parallel-change-membership-v1.ndjson");
        Path v2 = corpus("valid/parallel-change-membership.ndjson");

        int code = check(v1.toString(), v2.toString());

        assertThat(code).as(err.toString()).isEqualTo(Main.OK);
        String text = out.toString();
        assertThat(text).contains("ACCEPTED " + v1 + " (41 events").contains("ACCEPTED " + v2 + " (41 events")
                .contains("2 accepted, 0 rejected, 0 errors");
        assertThat(text.lines().filter(l -> l.contains("warning:")).toList())
                .containsExactly("  warning: " + TraceValidator.V1_WARNING);
        assertThat(text.indexOf("warning:")).isBetween(text.indexOf(v1.toString()), text.indexOf(v2.toString()));

        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertThat(check("--json", v1.toString())).isEqualTo(Main.OK);
        assertThat(new ObjectMapper().readTree(out.toString()).get("results").get(0).get("status").asText())
                .isEqualTo("accepted");
        assertThat(err.toString()).contains("warning: " + v1 + ": " + TraceValidator.V1_WARNING);
    }

    @Test
    void aSchemaVersion1TraceWithACrashIsAnErrorNamingTheLine() {
        Path crash = corpus("v1/crash-in-v1.ndjson");

        int code = check(crash.toString());

        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(out.toString()).contains("ERROR " + crash + ": line 7: field \"event\": event \"Crash\" is new in schema "
                + "version 2, but the header says version 1").doesNotContain("warning");
    }

    @Test
    void aValidTraceIsAcceptedWithExitCodeZero() {
        Path trace = SimTraces.write(dir, 30);

        int code = check(trace.toString());

        assertThat(code).as(err.toString()).isEqualTo(Main.OK);
        assertThat(out.toString()).contains("ACCEPTED " + trace).contains("1 accepted, 0 rejected, 0 errors");
    }

    @Test
    void jsonListsEveryTraceWithTheRejectedEventAndReasonAndExitsOne() throws IOException {
        Path valid = SimTraces.write(dir, 30);
        Path invalid = invalid();

        int code = check("--json", valid.toString(), invalid.toString());

        assertThat(code).isEqualTo(Main.FOUND_PROBLEM);
        JsonNode results = new ObjectMapper().readTree(out.toString()).get("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("status").asText()).isEqualTo("accepted");
        assertThat(results.get(0).get("rejectedAt").isNull()).isTrue();
        JsonNode rejected = results.get(1);
        assertThat(rejected.get("trace").asText()).isEqualTo(invalid.toString());
        assertThat(rejected.get("status").asText()).isEqualTo("rejected");
        assertThat(rejected.get("rejectedAt").asInt()).isPositive();
        assertThat(rejected.get("reason").asText()).contains("post-state field term differs");
        assertThat(rejected.get("events").asInt()).isPositive();
        assertThat(rejected.get("seconds").asDouble()).isPositive();
        assertThat(rejected.get("error").isNull()).isTrue();
    }

    @Test
    void mixedFilesEachGetTheirOwnVerdictOrErrorAndAnErrorMeansExitTwo() throws IOException {
        Path valid = SimTraces.write(dir, 30);
        Path missing = dir.resolve("missing.ndjson");
        Path malformed = malformed();
        Path invalid = invalid();

        int code = check(valid.toString(), missing.toString(), malformed.toString(), invalid.toString());

        assertThat(code).as(err.toString()).isEqualTo(Main.BAD_INPUT);
        assertThat(out.toString().lines().filter(l -> !l.startsWith(" "))).satisfiesExactly(
                l -> assertThat(l).startsWith("ACCEPTED " + valid + " ("),
                l -> assertThat(l).isEqualTo("ERROR " + missing + ": no such file"),
                l -> assertThat(l).isEqualTo("ERROR " + malformed + ": line 3: field \"nod\": unknown field"),
                l -> assertThat(l).startsWith("REJECTED " + invalid + " ("),
                l -> assertThat(l).isEqualTo("1 accepted, 1 rejected, 2 errors"));
        assertThat(out.toString()).contains("post-state field term differs");
    }

    @Test
    void mixedFilesInJsonGiveOneEntryEachWithItsStatusAndTheErrorsLineAndField() throws IOException {
        Path valid = SimTraces.write(dir, 30);
        Path missing = dir.resolve("missing.ndjson");
        Path malformed = malformed();

        int code = check("--json", valid.toString(), missing.toString(), malformed.toString());

        assertThat(code).as(err.toString()).isEqualTo(Main.BAD_INPUT);
        JsonNode results = new ObjectMapper().readTree(out.toString()).get("results");
        assertThat(results).extracting(r -> r.get("trace").asText())
                .containsExactly(valid.toString(), missing.toString(), malformed.toString());
        assertThat(results).extracting(r -> r.get("status").asText()).containsExactly("accepted", "error", "error");
        assertThat(results.get(0).get("events").asInt()).isPositive();
        assertThat(results.get(0).get("error").isNull()).isTrue();
        JsonNode noFile = results.get(1).get("error");
        assertThat(noFile.get("message").asText()).isEqualTo("no such file");
        assertThat(noFile.get("line").isNull()).isTrue();
        assertThat(results.get(1).get("events").isNull()).isTrue();
        JsonNode bad = results.get(2).get("error");
        assertThat(bad.get("line").asInt()).isEqualTo(3);
        assertThat(bad.get("field").asText()).isEqualTo("nod");
        assertThat(bad.get("message").asText()).isEqualTo("line 3: field \"nod\": unknown field");
    }

    @Test
    void onlyBadFilesNeedNoTlcAndExitTwo() throws IOException {
        int code = check(dir.resolve("missing.ndjson").toString(), malformed().toString());

        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(out.toString()).contains("missing.ndjson: no such file").contains("line 3: field \"nod\": unknown field")
                .contains("0 accepted, 0 rejected, 2 errors");
    }
}
