package org.jointraft.conformance.tlc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.jointraft.conformance.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The CI gate: {@code jointraft model-check --config ci --json} (the whole ci group, one TLC run per config, through
 * the CLI's own code path) runs once; each test reads one part of its JSON object.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JointRaftModelCheckTest {
    /** The ci group's distinct states together, from the spec helper's figures, with some margin. */
    static final long DISTINCT_FLOOR = 500_000;

    private JsonNode report;
    private int exitCode;
    private String stderr;

    @BeforeAll
    void run_the_ci_group_once() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        exitCode = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                "model-check", "--config", "ci", "--json", "--workers", "2");
        stderr = err.toString();
        report = new ObjectMapper().readTree(out.toString());
        for (JsonNode c : report.get("configs")) {
            System.out.printf("ci group: %s %s, %,d distinct states, depth %d, %.1f s%n", c.get("name").asText(),
                    c.get("result").asText(), c.get("distinct").asLong(), c.get("depth").asLong(),
                    c.get("seconds").asDouble());
        }
    }

    @Test
    void the_ci_group_passes_with_exit_code_0() {
        assertThat(report.get("result").asText()).as("stderr:%n%s", stderr).isEqualTo("ok");
        assertThat(exitCode).isZero();
    }

    @Test
    void every_config_of_the_group_passed() {
        List<String> failed = new ArrayList<>();
        report.get("configs").forEach(c -> {
            if (!c.get("result").asText().equals("ok")) {
                failed.add(c.get("name").asText() + ": " + c);
            }
        });
        assertThat(report.get("configs")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(failed).isEmpty();
    }

    @Test
    void every_witness_is_reached_with_a_depth() {
        List<String> missing = new ArrayList<>();
        report.get("witnesses").forEach(w -> {
            if (!w.get("reached").asBoolean() || w.get("depth").asInt() < 1) {
                missing.add(w.get("config").asText() + "/" + w.get("name").asText());
            }
        });
        assertThat(report.get("witnesses")).hasSizeGreaterThanOrEqualTo(10);
        assertThat(missing).isEmpty();
    }

    @Test
    void every_spec_action_fired_in_some_config() {
        List<String> spec = new ArrayList<>(SpecActions.guarded(SpecSource.projectSpec(), "JointRaft.tla"));
        spec.addAll(SpecActions.guarded(SpecSource.projectSpec(), "JointRaftClient.tla"));
        List<String> listed = new ArrayList<>();
        List<String> notFired = new ArrayList<>();
        report.get("actions").forEach(a -> {
            listed.add(a.get("name").asText());
            if (!a.get("fired").asBoolean()) {
                notFired.add(a.get("name").asText());
            }
        });
        assertThat(listed).containsExactlyInAnyOrderElementsOf(spec);
        assertThat(notFired).isEmpty();
    }

    @Test
    void the_group_explores_more_distinct_states_than_the_floor() {
        assertThat(report.get("distinct").asLong()).isGreaterThanOrEqualTo(DISTINCT_FLOOR);
    }
}
