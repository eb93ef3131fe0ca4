package org.jointraft.conformance.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jointraft.conformance.cli.Main;
import org.jointraft.conformance.sim.Fault;
import org.jointraft.conformance.sim.SimOptions;
import org.jointraft.conformance.tlc.SpecSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuntTest {
    @TempDir
    Path dir;

    @Test
    void huntValidatesEveryRunAndReportsThemAsJson() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                "hunt", "--runs", "12", "--seed", "40", "--steps", "120", "--json", "--out", dir.resolve("f").toString());

        assertThat(code).as(err.toString()).isEqualTo(Main.OK);
        JsonNode r = new ObjectMapper().readTree(out.toString());
        assertThat(r.get("runs").asInt()).isEqualTo(12);
        assertThat(r.get("accepted").asInt()).isEqualTo(12);
        assertThat(r.get("rejected").asInt()).isZero();
        assertThat(r.get("events").asLong()).isGreaterThan(12 * 100);
        assertThat(r.get("failures")).isEmpty();
        assertThat(err.toString()).contains("12/12 runs");
        assertThat(dir.resolve("f")).doesNotExist();
    }

    @Test
    void aRejectedRunIsSavedWithItsDiagnosisAndAShrunkReproduction() throws Exception {
        TraceValidator broken = TraceValidator.local().withSpec(SpecSource.directory(BrokenSpecs.timeoutAddsTwo(dir)));
        SimOptions sim = SimOptions.defaults(3).withSteps(200).withFaults(Fault.parseList("drop,membership"));
        Path out = dir.resolve("failures");

        Hunt.Report r = new Hunt(broken).run(new Hunt.Options(sim, 2, 1, out, true, 12), (d, rej, u) -> { });

        assertThat(r.rejected()).isEqualTo(2);
        Hunt.Failure f = r.failures().get(0);
        assertThat(f.kind()).isEqualTo(Hunt.FailureKind.REJECTED);
        assertThat(f.detail()).contains("post-state field term differs");
        assertThat(f.saved().resolve("trace.ndjson")).exists();
        assertThat(Files.readString(f.saved().resolve("diagnosis.txt"))).contains("rejected at event").contains("Timeout");
        assertThat(Files.readString(f.saved().resolve("reproduce.txt"))).contains("--seed 3");
        assertThat(f.shrunk()).isNotNull();
        assertThat(f.shrunk().options().steps()).isLessThan(sim.steps());
        assertThat(f.shrunk().verdict().accepted()).isFalse();
        assertThat(f.saved().resolve("shrunk.ndjson")).exists();
    }
}
