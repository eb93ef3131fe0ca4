package org.jointraft.conformance.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jointraft.conformance.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulateCliTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void simulateWritesTheTraceAndReportsItInJson() throws Exception {
        int code = run("simulate", "--seed", "4", "--nodes", "4", "--steps", "200", "--membership-rate", "0.1",
                "--out", dir.toString(), "--json");

        assertThat(code).isEqualTo(0);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        Path trace = dir.resolve("simulate-seed-4.ndjson");
        assertThat(json.get("trace").asText()).isEqualTo(trace.toString());
        assertThat(Files.readAllLines(trace)).hasSize(json.get("events").asInt() + 1);
        assertThat(json.get("finalMembership").get("configs").isArray()).isTrue();
        assertThat(json.get("calls").size()).isPositive();
        assertThat(json.get("calls").get(0).has("changes")).isTrue();
        assertThat(json.get("violation").isNull()).isTrue();
    }

    @Test
    void replayingATraceHeaderGivesTheSameBytes() throws Exception {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        assertThat(run("simulate", "--seed", "9", "--steps", "150", "--faults", "drop,crash,membership", "--out",
                first.toString())).isEqualTo(0);
        assertThat(run("simulate", "--replay", first.resolve("simulate-seed-9.ndjson").toString(), "--out",
                second.toString())).isEqualTo(0);

        assertThat(Files.readAllBytes(second.resolve("simulate-seed-9.ndjson")))
                .isEqualTo(Files.readAllBytes(first.resolve("simulate-seed-9.ndjson")));
        assertThat(out.toString()).contains("membership timeline", "safety held");
    }

    @ParameterizedTest(name = "simulate {0} is refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "--faults drop,quake | unknown fault 'quake'",
            "--nodes 0 | '--nodes': must be between 1 and 64, got 0",
            "--steps -1 | '--steps': must be between 0 and 1000000, got -1",
            "--write-rate 2 | '--write-rate': must be between 0 and 1",
            "--replay /no/such/trace.ndjson | no such file"})
    void badOptionsExitWithTwoAndSayWhatIsWrong(String args, String message) {
        String[] words = ("simulate --out " + dir + " " + args).split(" ");

        assertThat(run(words)).isEqualTo(2);
        assertThat(err.toString()).contains(message);
    }

    @Test
    void aLongRunShowsItsProgressOnStderrAndAShortOneDoesNot() {
        assertThat(run("simulate", "--steps", "299", "--out", dir.toString())).isEqualTo(0);
        assertThat(err.toString()).isEmpty();

        assertThat(run("simulate", "--steps", "20000", "--faults", "none", "--out", dir.toString(), "--json")).isEqualTo(0);
        assertThat(err.toString()).contains("\rsimulate: [" + "#".repeat(30) + "] 20,000/20,000 ticks\n")
                .contains(" 10,000/20,000 ticks");
        assertThat(out.toString()).doesNotContain("ticks\r").doesNotContain("simulate: [");
    }

    @Test
    void theBenchmarkPrintsWallAndCpuRatesAndTheLoadAverage() {
        assertThat(run("bench-sim", "--seconds", "0.5", "--steps", "300")).isEqualTo(0);
        assertThat(out.toString()).containsPattern("wall time .* events/s").containsPattern("cpu time .* per CPU-second")
                .containsPattern("load average  [0-9.]+ [0-9.]+ [0-9.]+ before, [0-9.]+ [0-9.]+ [0-9.]+ after");
    }
}
