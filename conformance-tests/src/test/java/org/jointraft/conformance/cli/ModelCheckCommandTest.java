package org.jointraft.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.jointraft.conformance.tlc.SpecSource;
import org.jointraft.conformance.tlc.TlcDriver;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model-check command over the toy spec of the test resources (module Toy, configs Toy_*.cfg). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ModelCheckCommandTest {
    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        ModelCheckCommand toy = new ModelCheckCommand(SpecSource.classpath("toyspec"), "Toy",
                () -> TlcDriver.local().withTempParent(temp));
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), List.of(toy)).execute(args);
    }

    @Test
    void an_unknown_config_exits_with_2_and_lists_the_configs_that_exist() {
        int code = run("model-check", "--config", "huge");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("unknown --config 'huge'").contains("the configs are: deadlock, ok, small, unreached, witness")
                .contains("Usage:");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void json_output_of_a_clean_check_is_one_object_with_result_and_search_size() throws Exception {
        int code = run("model-check", "--config", "ok", "--json");

        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(out.toString().strip().lines()).hasSize(1);
        assertThat(json.get("result").asText()).isEqualTo("ok");
        assertThat(json.get("config").asText()).isEqualTo("ok");
        assertThat(json.get("states").asLong()).isEqualTo(13);
        assertThat(json.get("distinct").asLong()).isEqualTo(10);
        assertThat(json.get("depth").asLong()).isEqualTo(7);
        assertThat(json.get("seconds").asDouble()).isPositive();
        assertThat(json.get("invariant").isNull()).isTrue();
        assertThat(json.get("trace")).isEmpty();
    }

    @Test
    void json_output_of_a_violation_names_the_invariant_and_carries_the_trace_with_exit_code_1() throws Exception {
        int code = run("model-check", "--config", "small", "--json", "--workers", "1");

        assertThat(code).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("result").asText()).isEqualTo("violation");
        assertThat(json.get("invariant").asText()).isEqualTo("Small");
        assertThat(json.get("trace")).hasSize(6);
        assertThat(json.get("trace").get(5).get("action").asText()).isEqualTo("IncY");
        assertThat(json.get("trace").get(5).get("variables").get("y").asText()).isEqualTo("2");
    }

    @Test
    void the_readable_summary_of_a_violation_shows_each_state_with_only_its_changed_variables() {
        // one worker: TLC's generated-state count is exact only then
        int code = run("model-check", "--config", "small", "--workers", "1");

        assertThat(code).isEqualTo(1);
        String text = out.toString();
        assertThat(text).contains("result:    violation").contains("invariant: Small")
                .contains("states:    11 generated, 9 distinct");
        String fifth = text.substring(text.indexOf("State 5: IncY"), text.indexOf("State 6:"));
        assertThat(fifth).contains("  y = 1").doesNotContain("  x = ").doesNotContain("hist");
    }

    @Test
    void a_deadlock_exits_with_1() {
        assertThat(run("model-check", "--config", "deadlock", "--workers", "1")).isEqualTo(1);
        assertThat(out.toString()).contains("result:    deadlock").contains("State 7: IncY");
    }

    @Test
    void a_witness_that_tlc_reaches_is_reported_with_its_trace_and_the_check_passes() {
        int code = run("model-check", "--config", "witness", "--workers", "1");

        assertThat(code).isZero();
        String text = out.toString();
        assertThat(text).contains("result:    ok").contains("witness:   Small found at depth 6")
                .contains("witness Small (6 states, only changed variables shown):").contains("State 6: IncY")
                .contains("states:    13 generated, 10 distinct").doesNotContain("invariant:");
    }

    @Test
    void a_witness_in_json_carries_its_depth_and_trace() throws Exception {
        int code = run("model-check", "--config", "witness", "--json", "--workers", "1");

        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("result").asText()).isEqualTo("ok");
        JsonNode witness = json.get("witnesses").get(0);
        assertThat(witness.get("invariant").asText()).isEqualTo("Small");
        assertThat(witness.get("found").asBoolean()).isTrue();
        assertThat(witness.get("depth").asInt()).isEqualTo(6);
        assertThat(witness.get("trace")).hasSize(6);
    }

    @Test
    void a_witness_never_reached_fails_the_check_with_exit_code_1() {
        int code = run("model-check", "--config", "unreached", "--workers", "1");

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("result:    witness_missing")
                .contains("witness:   YBehindX NOT reached: the whole state space (10 distinct states) never violates it");
    }

    @Test
    void fewer_than_one_worker_is_bad_input() {
        assertThat(run("model-check", "--config", "ok", "--workers", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--workers': must be at least 1, got 0");
    }
}
