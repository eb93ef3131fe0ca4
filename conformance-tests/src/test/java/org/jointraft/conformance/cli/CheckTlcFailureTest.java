package org.jointraft.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.jointraft.conformance.tlc.SpecSource;
import org.jointraft.conformance.validate.BrokenSpec;
import org.jointraft.conformance.validate.TraceValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When TLC itself fails, {@code check} still reports every file: the ones TLC could not judge get that error. */
class CheckTlcFailureTest {
    @TempDir
    Path dir;

    /** A spec copy whose trace module does not parse (an unclosed definition before its end line): every TLC run fails. */
    private TraceValidator unparsable() throws Exception {
        String end = "\n" + "=".repeat(77);
        return TraceValidator.local().withSpec(SpecSource.directory(
                BrokenSpec.edited(dir, "TraceJointRaft.tla", end, "\nBroken == (" + end)));
    }

    @Test
    void aTlcFailureBecomesTheErrorOfEachTraceItCouldNotJudgeAndTheOthersKeepTheirOwn() throws Exception {
        StringWriter ignored = new StringWriter();
        assertThat(Main.execute(new PrintWriter(ignored), new PrintWriter(ignored), "simulate", "--seed", "3",
                "--steps", "60", "--out", dir.toString())).isZero();
        Path good = dir.resolve("simulate-seed-3.ndjson");
        Path missing = dir.resolve("missing.ndjson");
        TraceValidator broken = unparsable();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true),
                List.of(new CheckCommand(() -> broken, InputStream.nullInputStream())))
                .execute("check", "--json", good.toString(), missing.toString());

        assertThat(code).as(err.toString()).isEqualTo(Main.BAD_INPUT);
        JsonNode results = new ObjectMapper().readTree(out.toString()).get("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("status").asText()).isEqualTo("error");
        assertThat(results.get(0).get("error").get("message").asText()).startsWith("TLC could not judge it: ");
        assertThat(results.get(1).get("status").asText()).isEqualTo("error");
        assertThat(results.get(1).get("error").get("message").asText()).doesNotContain("TLC");
    }
}
