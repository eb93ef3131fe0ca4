package org.jointraft.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jointraft.conformance.tlc.SpecSource;
import org.jointraft.conformance.tlc.TlcDriver;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model-check command over the toy model of the test resources (module MCCounter, configs MCCounter_*.cfg;
 * group all: reset and small, where every action fires; group partial: small alone, where Reset never fires).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ModelCheckCommandTest {
    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("all", List.of("reset", "small"));
        groups.put("partial", List.of("small"));
        ModelCheckCommand toy = new ModelCheckCommand(SpecSource.classpath("mctoy"), Map.of("MCCounter", ""), groups,
                () -> TlcDriver.local().withTempParent(temp));
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), List.of(toy)).execute(args);
    }

    private JsonNode json() throws Exception {
        assertThat(out.toString().strip().lines()).hasSize(1);
        return new ObjectMapper().readTree(out.toString());
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.get(field).asText()));
        return values;
    }

    @Test
    void an_unknown_config_exits_with_2_and_lists_the_configs_and_groups_that_exist() {
        int code = run("model-check", "--config", "huge");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("unknown --config 'huge'")
                .contains("the configs are: broken, deadlock, live, liveloop, livesafety, liveunfair, reset, sim, simbroken, small, "
                        + "unreached, wide")
                .contains("the groups are: all, partial").contains("Usage:");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void a_group_where_every_witness_is_reached_and_every_action_fires_is_ok_in_one_json_object() throws Exception {
        int code = run("model-check", "--config", "all", "--json", "--workers", "1");

        assertThat(code).isZero();
        JsonNode o = json();
        assertThat(o.get("result").asText()).isEqualTo("ok");
        assertThat(o.get("config").asText()).isEqualTo("all");
        assertThat(o.get("distinct").asLong()).isEqualTo(6 + 10);
        assertThat(o.get("states").asLong()).isEqualTo(o.get("configs").get(0).get("states").asLong()
                + o.get("configs").get(1).get("states").asLong());
        assertThat(texts(o.get("witnesses"), "name")).containsExactly("BothTwo", "BothTwo", "XAtMax");
        assertThat(texts(o.get("witnesses"), "config")).containsExactly("reset", "small", "small");
        o.get("witnesses").forEach(w -> assertThat(w.get("reached").asBoolean()).isTrue());
        assertThat(o.get("witnesses").get(2).get("depth").asInt()).isEqualTo(4);
        assertThat(texts(o.get("actions"), "name")).containsExactly("IncX", "IncY", "Reset");
        o.get("actions").forEach(a -> assertThat(a.get("fired").asBoolean()).isTrue());
        assertThat(o.get("actions").get(2).get("configs")).hasSize(1);
        assertThat(o.get("actions").get(2).get("configs").get(0).asText()).isEqualTo("reset");
        JsonNode small = o.get("configs").get(1);
        assertThat(small.get("name").asText()).isEqualTo("small");
        assertThat(small.get("cfg").asText()).isEqualTo("MCCounter_small.cfg");
        assertThat(small.get("mode").asText()).isEqualTo("check");
        assertThat(small.get("result").asText()).isEqualTo("ok");
        assertThat(small.get("distinct").asLong()).isEqualTo(10);
        assertThat(small.get("depth").asLong()).isEqualTo(7);
        assertThat(small.get("seconds").asDouble()).isPositive();
        assertThat(small.get("actions_fired")).hasSize(2);
        assertThat(small.has("trace")).isFalse();
        assertThat(small.get("witnesses").get(0).has("trace")).as("only with --traces").isFalse();
    }

    @Test
    void a_group_where_an_action_never_fires_fails_with_action_not_fired() throws Exception {
        int code = run("model-check", "--config", "partial", "--json", "--workers", "1");

        assertThat(code).isEqualTo(1);
        JsonNode o = json();
        assertThat(o.get("result").asText()).isEqualTo("action_not_fired");
        assertThat(o.get("configs").get(0).get("result").asText()).as("the config itself passed").isEqualTo("ok");
        JsonNode reset = o.get("actions").get(2);
        assertThat(reset.get("name").asText()).isEqualTo("Reset");
        assertThat(reset.get("fired").asBoolean()).isFalse();
        assertThat(reset.get("configs")).isEmpty();
    }

    @Test
    void a_single_config_reports_its_actions_without_requiring_all_of_them() throws Exception {
        int code = run("model-check", "--config", "small", "--json", "--workers", "1");

        assertThat(code).isZero();
        JsonNode o = json();
        assertThat(o.get("result").asText()).isEqualTo("ok");
        assertThat(o.get("configs")).hasSize(1);
        assertThat(o.get("actions").get(2).get("fired").asBoolean()).isFalse();
    }

    @Test
    void the_tables_show_each_config_each_witness_and_each_action() {
        int code = run("model-check", "--config", "partial", "--workers", "1");

        assertThat(code).isEqualTo(1);
        String text = out.toString();
        assertThat(text).contains("result:    action_not_fired")
                .containsPattern("config +cfg +mode +result +states +distinct +depth +seconds +witnesses +actions")
                .containsPattern("small +MCCounter_small\\.cfg +check +ok +13 +10 +7 +[0-9.]+ +2/2 +2/3")
                .containsPattern("witness +config +reached +depth")
                .containsPattern("XAtMax +small +yes +4")
                .containsPattern("action +fired +configs")
                .containsPattern("IncY +yes +small")
                .containsPattern("Reset +NO\n")
                .doesNotContain("witness BothTwo of small");
        assertThat(err.toString()).contains("model-check: TLC on MCCounter with MCCounter_small.cfg, 1 worker(s)");
    }

    @Test
    void traces_prints_every_witness_trace_with_only_the_changed_variables() {
        run("model-check", "--config", "small", "--workers", "1", "--traces");

        String text = out.toString();
        assertThat(text).contains("witness BothTwo of small (5 states, only changed variables shown):");
        String fifth = text.substring(text.indexOf("witness BothTwo of small"));
        fifth = fifth.substring(fifth.indexOf("State 5:"), fifth.indexOf("witness XAtMax"));
        assertThat(fifth).contains("  y = 2").doesNotContain("  x = ");
    }

    @Test
    void a_witness_never_reached_fails_the_config_with_witness_missing() throws Exception {
        int code = run("model-check", "--config", "unreached", "--json", "--workers", "1");

        assertThat(code).isEqualTo(1);
        JsonNode o = json();
        assertThat(o.get("result").asText()).isEqualTo("witness_missing");
        assertThat(o.get("witnesses").get(0).get("reached").asBoolean()).isTrue();
        assertThat(o.get("witnesses").get(1).get("name").asText()).isEqualTo("YAboveX");
        assertThat(o.get("witnesses").get(1).get("reached").asBoolean()).isFalse();
        assertThat(o.get("witnesses").get(1).get("depth").asInt()).isZero();
    }

    @Test
    void a_violation_names_the_invariant_and_carries_its_trace_with_exit_code_1() throws Exception {
        int code = run("model-check", "--config", "broken", "--json", "--workers", "1");

        assertThat(code).isEqualTo(1);
        JsonNode c = json().get("configs").get(0);
        assertThat(c.get("result").asText()).isEqualTo("violation");
        assertThat(c.get("invariant").asText()).isEqualTo("SumSmall");
        assertThat(c.get("trace")).hasSize(6);
        assertThat(c.get("trace").get(0).get("action").asText()).isEqualTo("Initial predicate");
    }

    @Test
    void a_violated_liveness_property_is_a_violation_naming_the_property_with_the_loop_marked() throws Exception {
        int code = run("model-check", "--config", "liveunfair", "--json", "--workers", "1");

        assertThat(code).isEqualTo(1);
        JsonNode o = json();
        assertThat(o.get("result").asText()).isEqualTo("violation");
        JsonNode c = o.get("configs").get(0);
        assertThat(c.get("result").asText()).isEqualTo("violation");
        assertThat(c.get("properties")).hasSize(1);
        assertThat(c.get("properties").get(0).asText()).isEqualTo("XReachesMax");
        assertThat(c.get("loop").asText()).isEqualTo("stuttering");
        assertThat(c.get("trace").get(0).get("action").asText()).isEqualTo("Initial predicate");
        assertThat(c.has("invariant")).isFalse();
    }

    @Test
    void the_table_says_which_property_failed_and_how_its_behaviour_loops() {
        assertThat(run("model-check", "--config", "liveloop", "--workers", "1")).isEqualTo(1);

        assertThat(out.toString()).contains("result:    violation")
                .containsPattern("liveloop: property StaysAtMax violated \\(the behaviour ends back to state \\d+\\)")
                .containsPattern("liveloop trace \\(\\d+ states")
                .containsPattern("then back to state \\d+ by MCNext, and round again for ever");
    }

    @Test
    void a_liveness_property_that_holds_is_ok() throws Exception {
        assertThat(run("model-check", "--config", "live", "--json", "--workers", "1")).isZero();
        assertThat(json().get("configs").get(0).has("properties")).isFalse();
    }

    @Test
    void the_projects_ci_group_names_existing_configs_and_includes_the_liveness_config() {
        ModelCheckCommand project = new ModelCheckCommand();
        List<String> ci = ModelCheckCommand.PROJECT_GROUPS.get("ci");

        assertThat(ci).containsExactly("faq", "three", "net", "learner", "snap", "calls_unguarded", "calls_guarded",
                "live_calls");
        ModelCheckCommand.PROJECT_GROUPS.values().forEach(g -> assertThat(project.configs()).containsAll(g));
        assertThat(project.configs()).contains("deep", "deepsim", "live_unfair");
    }

    @Test
    void the_help_describes_the_ci_group_deep_deepsim_and_the_liveness_configs() {
        StringWriter help = new StringWriter();
        Main.commandLine(new PrintWriter(help, true), new PrintWriter(err, true), List.of(new ModelCheckCommand()))
                .execute("model-check", "--help");

        assertThat(help.toString().replaceAll("\\s+", " ")).contains("Group ci").contains("live_calls")
                .contains("calls_guarded").contains("deepsim").contains("mode: simulate").contains("live_*")
                .contains("Default: ci").doesNotContain("gate");
    }

    @Test
    void a_deadlock_exits_with_1_and_shows_its_trace() {
        assertThat(run("model-check", "--config", "deadlock", "--workers", "1")).isEqualTo(1);
        assertThat(out.toString()).contains("result:    deadlock").contains("deadlock trace (7 states");
    }

    @Test
    void a_simulation_mode_config_reports_behaviours_states_and_states_per_second() throws Exception {
        int code = run("model-check", "--config", "sim", "--seconds", "3", "--seed", "5", "--json", "--workers", "1");

        assertThat(code).isZero();
        JsonNode c = json().get("configs").get(0);
        assertThat(c.get("mode").asText()).isEqualTo("simulate");
        assertThat(c.get("result").asText()).isEqualTo("ok");
        JsonNode sim = c.get("simulation");
        assertThat(sim.get("behaviours").asLong()).isPositive();
        assertThat(sim.get("states").asLong()).isGreaterThan(sim.get("behaviours").asLong());
        assertThat(sim.get("states_per_second").asLong()).isPositive();
        assertThat(sim.get("depth").asInt()).isEqualTo(30);
        assertThat(sim.get("seed").asLong()).isEqualTo(5);
    }

    @Test
    void a_distributed_run_gives_the_plain_runs_distinct_states_and_says_witnesses_are_not_checked() throws Exception {
        int code = run("model-check", "--config", "wide", "--distributed", "--local-workers", "2", "--workers", "1",
                "--json");

        assertThat(code).as("stderr: %s", err).isZero();
        JsonNode c = json().get("configs").get(0);
        assertThat(c.get("mode").asText()).isEqualTo("distributed");
        assertThat(c.get("distinct").asLong()).isEqualTo(41 * 42 / 2);
        assertThat(c.get("witnesses")).isEmpty();
        assertThat(err.toString()).contains("TLCServer on port").contains("tlc2.tool.distributed.TLCWorker");
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void distributed_mode_refuses_a_simulation_mode_config() {
        assertThat(run("model-check", "--config", "sim", "--distributed")).isEqualTo(2);
        assertThat(err.toString()).contains("simulation-mode config");
    }

    @Test
    void fewer_than_one_worker_is_bad_input() {
        assertThat(run("model-check", "--config", "small", "--workers", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--workers': must be at least 1, got 0");
    }
}
