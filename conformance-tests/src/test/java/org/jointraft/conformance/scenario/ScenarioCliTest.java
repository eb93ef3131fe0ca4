package org.jointraft.conformance.scenario;

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

class ScenarioCliTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void theFaqScenarioEndsJointWithBothCallsSuccessfulInJson() throws Exception {
        int code = run("scenario", "parallel-change-membership", "--out", dir.toString(), "--json");

        assertThat(code).isEqualTo(0);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("finalMembership").toString()).isEqualTo("{\"configs\":[[1],[1,2]],\"learners\":[]}");
        assertThat(json.get("calls")).hasSize(2);
        for (JsonNode call : json.get("calls")) {
            assertThat(call.get("result").asText()).isEqualTo("ok");
        }
        assertThat(json.get("calls").get(0).get("membership").toString())
                .isEqualTo("{\"configs\":[[1],[1,2]],\"learners\":[]}");
        assertThat(json.get("calls").get(1).get("membership").toString())
                .isEqualTo("{\"configs\":[[1]],\"learners\":[]}");
        assertThat(json.get("events").asLong()).isPositive();
        assertThat(Path.of(json.get("trace").asText())).exists().isEqualTo(dir.resolve("parallel-change-membership.ndjson"));
    }

    @Test
    void theTextFormShowsTheTimelineTheCallsAndTheChecks() {
        int code = run("scenario", "parallel-change-membership", "--out", dir.toString());

        assertThat(code).isEqualTo(0);
        assertThat(out.toString()).contains("membership timeline", "| node 1", "| node 2", "[{1},{1,2}] +",
                "#1 node 1 change_membership AddVoters{2}", ": ok [{1},{1,2}]", ": ok {1}",
                "final membership: [{1},{1,2}]", "node 2 stopped: removed by call 2", "PASSED");
    }

    @Test
    void listNamesEveryScenario() {
        assertThat(run("scenario", "--list")).isEqualTo(0);
        for (String name : Catalogue.names()) {
            assertThat(out.toString()).contains(name);
        }
    }

    @Test
    void anUnknownScenarioIsABadInputNamingTheKnownOnes() {
        assertThat(run("scenario", "no-such-thing", "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown scenario 'no-such-thing'", "parallel-change-membership");
    }

    @Test
    void anUnwritableOutIsABadInput() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThat(run("scenario", "remove-leader", "--out", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--out " + file, "cannot create the directory");
    }
}
