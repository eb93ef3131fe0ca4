package org.jointraft.conformance.tlc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the driver reads in a cfg and a module, and one-run checks of the toy model MCCounter (test resources
 * mctoy/); the CLI over the same toy is ModelCheckCommandTest.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ModelCheckTest {
    static final SpecSource TOY = SpecSource.classpath("mctoy");

    @TempDir
    Path temp;

    @Test
    void witness_lines_name_predicates_in_order_and_other_comments_are_ignored() {
        String cfg = "\\* a model\n\\* witness: SeedOutcome\r\nINIT Init\n  \\*   witness:  Other  \nINVARIANT TypeOK\n"
                + "\\* the witness: here is prose\n";

        assertThat(ModelCheck.witnesses("M.cfg", cfg)).containsExactly("SeedOutcome", "Other");
        assertThat(ModelCheck.witnesses("M.cfg", "INIT Init\n")).isEmpty();
    }

    @Test
    void a_witness_line_that_names_no_single_predicate_is_a_setup_error_naming_the_cfg() {
        assertThatThrownBy(() -> ModelCheck.witnesses("M_x.cfg", "\\* witness: A B\n"))
                .isInstanceOf(TlcSetupException.class).hasMessageContaining("M_x.cfg").hasMessageContaining("'A B'");
        assertThatThrownBy(() -> ModelCheck.witnesses("M_x.cfg", "\\* witness:\n"))
                .isInstanceOf(TlcSetupException.class);
    }

    @Test
    void the_invariants_of_every_invariant_section_are_read_and_removed_with_the_rest_of_the_cfg_kept() {
        String text = "\\* witness: W\nCONSTANTS N = 3\nINVARIANT A \\* INVARIANT Commented\nINIT Init\n"
                + "INVARIANTS\n    B\n    C (* D *)\nVIEW V\n";
        ModelCheckCfg cfg = ModelCheckCfg.parse("M.cfg", text);

        assertThat(cfg.invariants()).containsExactly("A", "B", "C");
        assertThat(cfg.textWithoutInvariants()).isEqualTo("\\* witness: W\nCONSTANTS N = 3\nINIT Init\nVIEW V\n");
        assertThat(cfg.simulate()).isFalse();
        assertThat(cfg.depth()).isEmpty();
    }

    @Test
    void mode_and_depth_header_lines_select_simulation_and_a_bad_one_is_a_setup_error() {
        ModelCheckCfg cfg = ModelCheckCfg.parse("M.cfg", "\\* mode: simulate\n\\* depth: 40\nINIT Init\n\\* mode: check\n");

        assertThat(cfg.simulate()).isTrue();
        assertThat(cfg.depth()).hasValue(40);
        assertThat(ModelCheckCfg.parse("M.cfg", "INIT Init\n\\* mode: simulate\n").simulate())
                .as("only the header counts").isFalse();
        assertThatThrownBy(() -> ModelCheckCfg.parse("M.cfg", "\\* mode: fast\n")).isInstanceOf(TlcSetupException.class);
        assertThatThrownBy(() -> ModelCheckCfg.parse("M.cfg", "\\* depth: 0\n")).isInstanceOf(TlcSetupException.class);
    }

    @Test
    void the_toy_models_spec_actions_are_its_guarded_actions() {
        assertThat(SpecActions.of(TOY, "MCCounter")).hasValue(List.of("IncX", "IncY", "Reset"));
        assertThat(SpecActions.guarded(TOY, "Counter.tla")).containsExactly("IncX", "IncY", "Reset");
        assertThat(SpecActions.of(TOY, "Counter")).as("Counter itself defines none").isEmpty();
    }

    @Test
    void the_project_models_spec_actions_are_exactly_the_actions_with_a_guard_record() {
        SpecSource spec = SpecSource.projectSpec();
        List<String> guarded = new ArrayList<>(SpecActions.guarded(spec, "JointRaft.tla"));
        guarded.addAll(SpecActions.guarded(spec, "JointRaftClient.tla"));

        assertThat(guarded).hasSizeGreaterThanOrEqualTo(19);
        assertThat(SpecActions.of(spec, "MCJointRaft")).as("SpecActions of MCJointRaft.tla").hasValue(guarded);
        assertThat(SpecActions.of(spec, "MCJointRaftCalls")).as("found through EXTENDS").hasValue(guarded);
    }

    private ModelCheck.Report check(String cfg) {
        return ModelCheck.run(TlcDriver.local().withTempParent(temp), TOY, "MCCounter", cfg, run -> run.workers(1));
    }

    @Test
    void one_run_reaches_every_witness_with_its_shortest_trace_and_records_the_actions_that_fired() {
        ModelCheck.Report report = check("MCCounter_small.cfg");

        assertThat(report.passed()).as("%s", report.result()).isTrue();
        assertThat(report.witnesses()).extracting(ModelCheck.Witness::name, ModelCheck.Witness::reached,
                ModelCheck.Witness::depth).containsExactly(
                org.assertj.core.groups.Tuple.tuple("BothTwo", true, 5), org.assertj.core.groups.Tuple.tuple("XAtMax", true, 4));
        assertThat(report.witnesses().get(0).trace().get(4).variables()).containsEntry("x", "2").containsEntry("y", "2");
        assertThat(report.result().stats().distinctStates()).isEqualTo(10);
        assertThat(report.specActions()).containsExactly("IncX", "IncY", "Reset");
        assertThat(report.fired()).containsOnlyKeys("IncX", "IncY").containsEntry("IncX", 1).containsEntry("IncY", 2);
    }

    @Test
    void a_witness_never_reached_is_reported_missing_and_the_others_still_reached() {
        ModelCheck.Report report = check("MCCounter_unreached.cfg");

        assertThat(report.result()).isInstanceOf(TlcResult.Ok.class);
        assertThat(report.missingWitnesses()).containsExactly("YAboveX");
        assertThat(report.witnesses().get(0).reached()).isTrue();
        assertThat(report.passed()).isFalse();
    }

    @Test
    void a_real_violation_is_the_verdict_with_its_trace_and_ends_the_run_long_before_the_search_would() {
        ModelCheck.Report report = check("MCCounter_broken.cfg");

        assertThat(report.result()).isInstanceOf(TlcResult.InvariantViolated.class);
        TlcResult.InvariantViolated v = (TlcResult.InvariantViolated) report.result();
        assertThat(v.invariant()).isEqualTo("SumSmall");
        assertThat(v.trace()).hasSize(6);
        java.util.Map<String, String> last = v.trace().get(5).variables();
        assertThat(Integer.parseInt(last.get("x")) + Integer.parseInt(last.get("y"))).isEqualTo(5);
        // the whole model (4.5 million states) takes minutes
        assertThat(v.stats().seconds()).isLessThan(30);
        assertThat(report.witnesses().get(0).reached()).as("reported before the violation").isTrue();
    }

    @Test
    void the_temporal_properties_of_every_property_section_are_read_and_kept_in_the_cfg() {
        ModelCheckCfg cfg = ModelCheckCfg.parse("M.cfg", "SPECIFICATION Spec\nPROPERTY A \\* PROPERTY B\n"
                + "INVARIANT I\nPROPERTIES\n  C D\n");

        assertThat(cfg.properties()).containsExactly("A", "C", "D");
        assertThat(cfg.invariants()).containsExactly("I");
        assertThat(cfg.textWithoutInvariants()).contains("PROPERTY A").contains("PROPERTIES\n  C D").doesNotContain("I\n");
    }

    @Test
    void a_liveness_property_that_holds_passes_in_the_same_run_as_the_witnesses_and_invariants() {
        ModelCheck.Report report = check("MCCounter_live.cfg");

        assertThat(report.passed()).as("%s", report.result()).isTrue();
        assertThat(report.result().stats().distinctStates()).isEqualTo(10);
        assertThat(report.witnesses()).singleElement().satisfies(w -> assertThat(w.depth()).isEqualTo(5));
        assertThat(report.fired()).containsOnlyKeys("IncX", "IncY");
    }

    @Test
    void a_violated_liveness_property_is_a_violation_naming_the_cfgs_properties_with_a_trace_ending_in_stuttering() {
        ModelCheck.Report report = check("MCCounter_liveunfair.cfg");

        assertThat(report.passed()).isFalse();
        assertThat(ModelCheckSuite.Verdict.of(report)).isEqualTo(ModelCheckSuite.Verdict.VIOLATION);
        assertThat(report.result()).isInstanceOfSatisfying(TlcResult.PropertyViolated.class, p -> {
            assertThat(p.properties()).containsExactly("XReachesMax");
            assertThat(p.loop()).isEqualTo(TlcResult.Loop.STUTTERING);
            assertThat(p.loop().describe()).isEqualTo("stuttering");
            assertThat(p.trace()).isNotEmpty();
            assertThat(p.trace().get(0).action()).isEqualTo("Initial predicate");
            // x never reaches Max = 3 in the behaviour that stutters for ever
            p.trace().forEach(st -> assertThat(st.variables().get("x")).isNotEqualTo("3"));
        });
        assertThat(report.witnesses().get(0).reached()).as("witnesses are still found").isTrue();
    }

    @Test
    void a_liveness_counter_example_that_loops_back_says_to_which_state_and_by_which_action() {
        ModelCheck.Report report = check("MCCounter_liveloop.cfg");

        assertThat(report.result()).isInstanceOfSatisfying(TlcResult.PropertyViolated.class, p -> {
            assertThat(p.properties()).containsExactly("StaysAtMax");
            assertThat(p.loop().backTo()).isBetween(1, p.trace().size());
            assertThat(p.loop().describe()).isEqualTo("back to state " + p.loop().backTo());
            assertThat(p.loop().action()).isEqualTo("MCNext");
            assertThat(p.trace().get(p.trace().size() - 1).variables()).containsEntry("x", "2").containsEntry("y", "2");
        });
    }

    @Test
    void a_property_that_tlc_checks_as_an_invariant_is_a_property_violation_without_a_loop() {
        ModelCheck.Report report = check("MCCounter_livesafety.cfg");

        assertThat(report.result()).isInstanceOfSatisfying(TlcResult.PropertyViolated.class, p -> {
            assertThat(p.properties()).containsExactly("XBelowTwo");
            assertThat(p.loop()).isNull();
            assertThat(p.trace()).hasSize(3);
            assertThat(p.trace().get(2).variables()).containsEntry("x", "2");
        });
    }

    @Test
    void a_simulation_mode_cfg_simulates_for_its_budget_and_counts_behaviours_and_states() {
        ModelCheck.Report report = ModelCheck.run(TlcDriver.local().withTempParent(temp), TOY, "MCCounter",
                "MCCounter_sim.cfg", new ModelCheck.Settings(java.time.Duration.ofSeconds(4), 7, null), run -> run.workers(1));

        assertThat(report.mode()).isEqualTo(ModelCheck.Mode.SIMULATE);
        assertThat(report.result()).as("%s", report.result()).isInstanceOf(TlcResult.Ok.class);
        ModelCheck.Simulation sim = report.simulation();
        assertThat(sim.behaviours()).isGreaterThan(100);
        // every behaviour but the last of each worker has its 30 steps (Reset never deadlocks)
        assertThat(sim.states()).isBetween(29 * sim.behaviours() - 60, 30 * sim.behaviours() + 60);
        assertThat(sim.statesPerSecond()).isPositive();
        assertThat(sim.depth()).isEqualTo(30);
        assertThat(report.witnesses().get(0).reached()).isTrue();
        assertThat(report.fired()).containsOnlyKeys("IncX", "IncY", "Reset");
    }

    @Test
    void a_simulation_finds_a_violation_and_it_is_the_verdict() {
        ModelCheck.Report report = ModelCheck.run(TlcDriver.local().withTempParent(temp), TOY, "MCCounter",
                "MCCounter_simbroken.cfg", new ModelCheck.Settings(java.time.Duration.ofSeconds(30), 1, null),
                run -> run.workers(1));

        assertThat(report.result()).isInstanceOf(TlcResult.InvariantViolated.class);
        TlcResult.InvariantViolated v = (TlcResult.InvariantViolated) report.result();
        assertThat(v.invariant()).isEqualTo("SumSmall");
        java.util.Map<String, String> last = v.trace().get(v.trace().size() - 1).variables();
        assertThat(Integer.parseInt(last.get("x")) + Integer.parseInt(last.get("y"))).isEqualTo(5);
        assertThat(v.stats().seconds()).isLessThan(25);
    }

    @Test
    void a_distributed_run_with_two_local_workers_finds_the_same_distinct_states_as_the_plain_run() {
        ModelCheck.Report plain = check("MCCounter_wide.cfg");
        ModelCheck.Report distributed = ModelCheck.run(TlcDriver.local().withTempParent(temp), TOY, "MCCounter",
                "MCCounter_wide.cfg", new ModelCheck.Settings(java.time.Duration.ofSeconds(60), 1,
                        new TlcRun.Distributed(2, 1, 0, null, null)), run -> run.workers(1));

        assertThat(plain.result().stats().distinctStates()).isEqualTo(41 * 42 / 2);
        assertThat(distributed.mode()).isEqualTo(ModelCheck.Mode.DISTRIBUTED);
        assertThat(distributed.result()).as("%s", distributed.result()).isInstanceOf(TlcResult.Ok.class);
        assertThat(distributed.result().stats().distinctStates()).isEqualTo(plain.result().stats().distinctStates());
        assertThat(distributed.witnesses()).as("not checked distributed").isEmpty();
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void a_distributed_run_reports_a_violation_though_distributed_tlc_does_not_name_it() {
        ModelCheck.Report report = ModelCheck.run(TlcDriver.local().withTempParent(temp), TOY, "MCCounter",
                "MCCounter_broken.cfg", new ModelCheck.Settings(java.time.Duration.ofSeconds(60), 1,
                        new TlcRun.Distributed(2, 1, 0, null, null)), run -> run.workers(1).timeout(java.time.Duration.ofSeconds(90)));

        assertThat(report.result()).as("%s", report.result()).isInstanceOf(TlcResult.InvariantViolated.class);
        assertThat(((TlcResult.InvariantViolated) report.result()).invariant()).isEqualTo(ModelCheck.DISTRIBUTED_UNNAMED);
    }
}
