package org.jointraft.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jointraft.conformance.validate.BrokenSpec;
import org.jointraft.conformance.validate.Hunt;
import org.jointraft.conformance.validate.TraceValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real hunt (TLC, a spec broken on purpose) saves a rejected run with its diagnosis and a shrunk reproduction, and
 * the commands of its {@code reproduce.txt} do what the file says: {@code simulate} writes the same trace bytes again
 * and {@code check} rejects the same event.
 */
class HuntReproduceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private static int run(Object command, StringWriter out, String... args) {
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), List.of(command)).execute(args);
        assertThat(err.toString()).doesNotContain("error:");
        return code;
    }

    /** The lines of reproduce.txt that start with {@code ./jointraft command}, as arguments. */
    private static List<String[]> commands(List<String> lines, String command) {
        return lines.stream().filter(l -> l.startsWith("./jointraft " + command + " ")).map(l -> {
            assertThat(l).doesNotContain("'"); // a temp folder needs no quoting, so a plain split is the shell's
            return Arrays.copyOfRange(l.split(" "), 1, l.split(" ").length);
        }).toList();
    }

    @Test
    void aRejectedRunIsSavedShrunkAndItsReproduceCommandsDoWhatTheySay() throws Exception {
        TraceValidator broken = BrokenSpec.validator(dir);
        Path out = dir.resolve("failures");
        StringWriter json = new StringWriter();

        int code = run(new HuntCommand(() -> new Hunt(broken)), json, "hunt", "--runs", "1", "--seed", "3", "--steps",
                "200", "--faults", "drop,membership", "--shrink-budget", "10", "--jobs", "1", "--out", out.toString(),
                "--json");

        assertThat(code).isEqualTo(Main.FOUND_PROBLEM);
        JsonNode f = MAPPER.readTree(json.toString()).get("failures").get(0);
        assertThat(f.get("kind").asText()).isEqualTo("rejected");
        assertThat(f.get("reason").asText()).contains("post-state field term differs");
        Path saved = Path.of(f.get("saved").asText());
        assertThat(saved.getParent().getFileName().toString()).startsWith("hunt-").endsWith("-seed3");
        assertThat(Files.readString(saved.resolve("diagnosis.txt"))).contains("rejected at event").contains("Timeout");
        JsonNode shrunk = f.get("shrunk");
        assertThat(shrunk.get("options").asText()).doesNotContain("--steps 200 ");
        assertThat(Files.readString(saved.resolve("shrunk-diagnosis.txt"))).contains("rejected at event");

        List<String> reproduce = Files.readAllLines(saved.resolve("reproduce.txt"));
        List<String[]> simulates = commands(reproduce, "simulate");
        List<String[]> checks = commands(reproduce, "check");
        assertThat(simulates).hasSize(2);
        assertThat(checks).hasSize(2);
        List<Path> traces = List.of(saved.resolve("trace.ndjson"), saved.resolve("shrunk.ndjson"));
        List<String> says = reproduce.stream().filter(l -> l.startsWith("# Has TLC judge the saved trace: ")).toList();
        for (int k = 0; k < 2; k++) {
            String[] simulate = simulates.get(k);
            assertThat(run(new SimulateCommand(), new StringWriter(), simulate)).isEqualTo(Main.OK);
            Path replay = Path.of(simulate[simulate.length - 1]).resolve("simulate-seed-3.ndjson");
            assertThat(replay).hasSameBinaryContentAs(traces.get(k));

            StringWriter verdict = new StringWriter();
            String[] check = Arrays.copyOf(checks.get(k), checks.get(k).length + 1);
            check[check.length - 1] = "--json";
            assertThat(run(new CheckCommand(() -> broken, InputStream.nullInputStream()), verdict, check)).isEqualTo(Main.FOUND_PROBLEM);
            int event = MAPPER.readTree(verdict.toString()).get("results").get(0).get("rejectedAt").asInt();
            assertThat(says.get(k)).contains("rejects event " + event + " with the diagnosis in");
            assertThat(checks.get(k)[1]).isEqualTo(traces.get(k).toString());
            if (k == 0) {
                assertThat(event).isEqualTo(f.get("verdict").get("rejectedAt").asInt());
            }
        }
    }
}
