package org.jointraft.conformance.tlc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jointraft.conformance.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The ci suite: {@code jointraft model-check --config ci --json} (the whole ci group, one TLC run per config, through
 * the CLI's own code path) runs once; each test reads one part of its JSON object. The figures are the ones measured
 * on 2026-12-02 (distinct states, depth); each config must reach at least 90% of its distinct states, so that a model
 * that silently shrinks (a constraint, a bound, a VIEW) fails here.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JointRaftModelCheckTest {
    /** A config of the ci group as measured: distinct states, depth, and its witnesses in cfg order. */
    record Measured(long distinct, int depth, List<String> witnesses) { }

    /**
     * The ci group's configs, in the group's order (1,233,111 distinct states in the MCJointRaft and calls configs,
     * 4,155 in live_calls).
     */
    static final Map<String, Measured> CI = measured();

    /** Each config must explore at least this share of its measured distinct states. */
    static final double FLOOR = 0.9;

    private static Map<String, Measured> measured() {
        Map<String, Measured> m = new LinkedHashMap<>();
        m.put("faq", new Measured(322_034, 56, List.of("FaqLogCommitted", "JointToJoint", "LaterLeaderFinishes",
                "LaterLeaderPivots", "RevertByTruncationSteps", "RemovedLeaderStepsDown", "RestartedGrantsVoteSteps")));
        m.put("three", new Measured(287_223, 67, List.of("CommittedWhileVoterLacks", "RevertByTruncationSteps",
                "RemovedLeaderStepsDown")));
        m.put("net", new Measured(90_570, 31, List.of("ThreeInFlight", "DuplicateHandledTwiceSteps")));
        m.put("learner", new Measured(105_066, 67, List.of("LearnerPromotedCommitted")));
        m.put("snap", new Measured(235_784, 49, List.of("JointSnapshotInstalledSteps",
                "InstallDiscardsNewerMembershipSteps")));
        m.put("calls_unguarded", new Measured(102_210, 67, List.of("SeedOutcome")));
        m.put("calls_guarded", new Measured(90_224, 61, List.of("Step2GuardFailed")));
        m.put("live_calls", new Measured(4_155, 61, List.of()));
        return Collections.unmodifiableMap(m);
    }

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
    void the_group_runs_exactly_the_measured_configs_and_every_one_passed() {
        List<String> names = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        report.get("configs").forEach(c -> {
            names.add(c.get("name").asText());
            if (!c.get("result").asText().equals("ok")) {
                failed.add(c.get("name").asText() + ": " + c);
            }
        });
        assertThat(names).containsExactlyElementsOf(CI.keySet());
        assertThat(failed).isEmpty();
    }

    @Test
    void each_config_reaches_exactly_its_witnesses_each_with_a_depth() {
        Map<String, List<String>> reached = new LinkedHashMap<>();
        Map<String, List<String>> declared = new LinkedHashMap<>();
        report.get("configs").forEach(c -> {
            String name = c.get("name").asText();
            declared.put(name, new ArrayList<>());
            reached.put(name, new ArrayList<>());
            c.get("witnesses").forEach(w -> {
                declared.get(name).add(w.get("name").asText());
                if (w.get("reached").asBoolean() && w.get("depth").asInt() >= 1) {
                    reached.get(name).add(w.get("name").asText());
                }
            });
        });
        CI.forEach((name, m) -> {
            assertThat(declared.get(name)).as("witnesses of %s", name).containsExactlyElementsOf(m.witnesses());
            assertThat(reached.get(name)).as("witnesses %s reached", name).containsExactlyElementsOf(m.witnesses());
        });
        assertThat(report.get("witnesses")).hasSize(CI.values().stream().mapToInt(m -> m.witnesses().size()).sum());
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
    void each_config_explores_at_least_90_percent_of_its_measured_distinct_states() {
        Map<String, Long> distinct = new LinkedHashMap<>();
        report.get("configs").forEach(c -> distinct.put(c.get("name").asText(), c.get("distinct").asLong()));
        CI.forEach((name, m) -> assertThat(distinct.get(name)).as("distinct states of %s (measured %,d)", name,
                m.distinct()).isGreaterThanOrEqualTo((long) (FLOOR * m.distinct())));
        long total = CI.values().stream().mapToLong(Measured::distinct).sum();
        assertThat(report.get("distinct").asLong()).isGreaterThanOrEqualTo((long) (FLOOR * total));
    }

    @Test
    void each_breadth_first_config_searches_to_at_least_90_percent_of_its_measured_depth() {
        report.get("configs").forEach(c -> {
            Measured m = CI.get(c.get("name").asText());
            if (m != null && m.depth() > 0) {
                assertThat(c.get("depth").asLong()).as("depth of %s (measured %d)", c.get("name").asText(), m.depth())
                        .isGreaterThanOrEqualTo((long) (FLOOR * m.depth()));
            }
        });
    }
}
