package org.jointraft.conformance.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private Path invalid() throws IOException {
        TraceEdit edit = TraceEdit.of(SimTraces.write(dir, 31));
        int p = edit.find(0, e -> e instanceof TraceEvent.Timeout).orElseThrow();
        TraceEvent.Timeout t = (TraceEvent.Timeout) edit.get(p);
        edit.replace(p, new TraceEvent.Timeout(t.node(), States.term(t.state(), t.state().term() + 1)));
        return edit.write(dir.resolve("invalid.ndjson"));
    }

    @Test
    void aValidTraceIsAcceptedWithExitCodeZero() {
        Path trace = SimTraces.write(dir, 30);

        int code = check(trace.toString());

        assertThat(code).as(err.toString()).isEqualTo(Main.OK);
        assertThat(out.toString()).contains("ACCEPTED " + trace.toAbsolutePath()).contains("1 accepted, 0 rejected");
    }

    @Test
    void jsonListsEveryTraceWithTheRejectedEventAndReasonAndExitsOne() throws IOException {
        Path valid = SimTraces.write(dir, 30);
        Path invalid = invalid();

        int code = check("--json", valid.toString(), invalid.toString());

        assertThat(code).isEqualTo(Main.FOUND_PROBLEM);
        JsonNode results = new ObjectMapper().readTree(out.toString()).get("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("accepted").asBoolean()).isTrue();
        assertThat(results.get(0).get("rejectedAt").isNull()).isTrue();
        JsonNode rejected = results.get(1);
        assertThat(rejected.get("trace").asText()).isEqualTo(invalid.toAbsolutePath().toString());
        assertThat(rejected.get("accepted").asBoolean()).isFalse();
        assertThat(rejected.get("rejectedAt").asInt()).isPositive();
        assertThat(rejected.get("reason").asText()).contains("post-state field term differs");
        assertThat(rejected.get("events").asInt()).isPositive();
        assertThat(rejected.get("seconds").asDouble()).isPositive();
    }

    @Test
    void aMissingFileIsBadInputNamingTheFile() {
        int code = check(dir.resolve("missing.ndjson").toString());

        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("missing.ndjson").contains("no such file");
    }

    @Test
    void aMalformedTraceIsBadInputWithTheReadersLineAndField() throws IOException {
        Path trace = SimTraces.write(dir, 30);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(trace));
        lines.set(2, lines.get(2).replace("\"node\":", "\"nod\":"));
        Files.write(trace, lines);

        int code = check(trace.toString());

        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("line 3");
    }
}
