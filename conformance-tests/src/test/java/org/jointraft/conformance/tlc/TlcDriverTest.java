package org.jointraft.conformance.tlc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real TLC processes on the toy spec in test resources (about a second each). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TlcDriverTest {
    static final SpecSource TOY = SpecSource.classpath("toyspec");

    @TempDir
    Path temp;

    private TlcDriver driver() {
        return TlcDriver.local().withTempParent(temp);
    }

    private static TlcRun.Builder toy(String cfg) {
        return TlcRun.of("Toy").spec(TOY).cfg(cfg);
    }

    private String toyText() {
        return TOY.read("Toy.tla");
    }

    @Test
    void a_clean_model_check_reports_ok_with_the_search_size_and_removes_its_run_folder() throws Exception {
        TlcResult result = driver().run(toy("Toy_ok.cfg").build());

        assertThat(result).isInstanceOf(TlcResult.Ok.class);
        assertThat(result.stats().distinctStates()).isEqualTo(10);
        assertThat(result.stats().statesGenerated()).isEqualTo(13);
        assertThat(result.stats().depth()).isEqualTo(7);
        assertThat(result.stats().seconds()).isPositive();
        assertThat(result.output().exitCode()).isZero();
        try (var left = Files.list(temp)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void an_invariant_violation_names_the_invariant_and_gives_the_trace_state_by_state() {
        TlcResult result = driver().run(toy("Toy_small.cfg").build());

        assertThat(result).isInstanceOf(TlcResult.InvariantViolated.class);
        TlcResult.InvariantViolated v = (TlcResult.InvariantViolated) result;
        assertThat(v.invariant()).isEqualTo("Small");
        assertThat(v.trace()).extracting(TlcState::action)
                .containsExactly("Initial predicate", "IncX", "IncX", "IncX", "IncY", "IncY");
        assertThat(v.trace()).extracting(TlcState::number).containsExactly(1, 2, 3, 4, 5, 6);
        TlcState last = v.trace().get(5);
        assertThat(last.variables()).containsEntry("x", "3").containsEntry("y", "2")
                .containsEntry("hist", "<<[a |-> \"x\", v |-> 1], [a |-> \"x\", v |-> 2], [a |-> \"x\", v |-> 3]>>");
        assertThat(last.location()).contains("of module Toy");
        assertThat(v.output().exitCode()).isEqualTo(12);
    }

    @Test
    void an_invariant_false_in_the_initial_state_gives_a_one_state_trace() {
        TlcResult result = driver().run(toy("x").cfgText("CONSTANT Max = 3\nINIT Init\nNEXT Next\nINVARIANT Positive\n").build());

        assertThat(result).isInstanceOf(TlcResult.InvariantViolated.class);
        TlcResult.InvariantViolated v = (TlcResult.InvariantViolated) result;
        assertThat(v.invariant()).isEqualTo("Positive");
        assertThat(v.trace()).singleElement().satisfies(s -> {
            assertThat(s.action()).isEqualTo("Initial predicate");
            assertThat(s.variables()).containsEntry("x", "0").containsEntry("hist", "<<>>");
        });
    }

    @Test
    void a_state_without_successors_is_a_deadlock_with_its_trace() {
        TlcResult result = driver().run(toy("Toy_deadlock.cfg").build());

        assertThat(result).isInstanceOf(TlcResult.Deadlock.class);
        List<TlcState> trace = ((TlcResult.Deadlock) result).trace();
        assertThat(trace).hasSize(7);
        assertThat(trace.get(6).variables()).containsEntry("x", "3").containsEntry("y", "3");
    }

    @Test
    void the_deadlock_check_can_be_switched_off_with_a_tlc_option() {
        TlcResult result = driver().run(toy("Toy_deadlock.cfg").noDeadlockCheck().build());

        assertThat(result).isInstanceOf(TlcResult.Ok.class);
    }

    @Test
    void a_syntax_error_is_a_parse_error_with_sanys_explanation() {
        String broken = toyText().replace("IncY == y < x", "IncY == y < x )");
        TlcResult result = driver().run(toy("Toy_ok.cfg").extraFile("Toy.tla", broken).build());

        assertThat(result).isInstanceOf(TlcResult.Error.class);
        TlcResult.Error e = (TlcResult.Error) result;
        assertThat(e.kind()).isEqualTo(TlcErrorKind.PARSE);
        assertThat(e.exitCode()).isEqualTo(150);
        assertThat(e.message()).contains("Encountered \")\" at line 10");
    }

    @Test
    void an_unknown_invariant_in_the_cfg_is_a_config_error_naming_it() {
        TlcResult result = driver().run(toy("x").cfgText("CONSTANT Max = 3\nINIT Init\nNEXT Next\nINVARIANT NoSuchThing\n").build());

        assertThat(result).isInstanceOfSatisfying(TlcResult.Error.class, e -> {
            assertThat(e.kind()).isEqualTo(TlcErrorKind.CONFIG);
            assertThat(e.message()).contains("NoSuchThing");
        });
    }

    @Test
    void an_assume_that_cannot_hold_is_an_assume_error_with_tlcs_reason() {
        TlcResult result = driver().run(toy("x").cfgText("CONSTANT Max = \"many\"\nINIT Init\nNEXT Next\n").build());

        assertThat(result).isInstanceOfSatisfying(TlcResult.Error.class, e -> {
            assertThat(e.kind()).isEqualTo(TlcErrorKind.ASSUME);
            assertThat(e.message()).contains("Evaluating assumption").contains("\"many\"");
        });
    }

    @Test
    void an_expression_out_of_its_domain_is_an_evaluation_error_with_the_behaviour_so_far() {
        String broken = toyText().replace("IncY == y < x", "IncY == y < x /\\ hist[5].v = 1");
        TlcResult result = driver().run(toy("Toy_ok.cfg").extraFile("Toy.tla", broken).build());

        assertThat(result).isInstanceOfSatisfying(TlcResult.Error.class, e -> {
            assertThat(e.kind()).isEqualTo(TlcErrorKind.EVALUATION);
            assertThat(e.exitCode()).isEqualTo(75);
            assertThat(e.message()).contains("out of domain");
            assertThat(e.trace()).isNotEmpty();
        });
    }

    @Test
    void printt_output_is_captured_from_the_user_file_when_asked() {
        String printer = "---- MODULE Printer ----\nEXTENDS Toy\nASSUME PrintT(\"hello from PrintT\")\n====\n";
        TlcResult result = driver().run(TlcRun.of("Printer").spec(TOY).extraFile("Printer.tla", printer)
                .cfgText("CONSTANT Max = 1\nINIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n").captureUserFile().build());

        assertThat(result).isInstanceOf(TlcResult.Ok.class);
        assertThat(result.output().userOutput()).hasValueSatisfying(u -> assertThat(u).contains("hello from PrintT"));
    }

    @Test
    void the_listener_hears_progress_and_every_message_while_tlc_runs() {
        List<TlcProgress> progress = new ArrayList<>();
        List<Integer> codes = new ArrayList<>();
        TlcListener listener = new TlcListener() {
            @Override
            public void onMessage(TlcMessage message) {
                codes.add(message.code());
            }

            @Override
            public void onProgress(TlcProgress p) {
                progress.add(p);
            }
        };
        driver().run(toy("Toy_ok.cfg").listener(listener).workers(2).build());

        assertThat(codes).contains(2186, 2199);
        assertThat(progress).last().satisfies(p -> assertThat(p.distinctStates()).isEqualTo(10));
    }

    @Test
    void a_run_past_its_time_limit_is_stopped_and_reported_as_a_timeout() {
        TlcResult result = driver().run(toy("x").cfgText("CONSTANT Max = 100000000\nINIT Init\nNEXT Next\n")
                .timeout(Duration.ofSeconds(2)).build());

        assertThat(result).isInstanceOfSatisfying(TlcResult.Error.class,
                e -> assertThat(e.kind()).isEqualTo(TlcErrorKind.TIMEOUT));
        assertThat(result.stats().seconds()).isLessThan(15);
    }

    @Test
    void a_missing_java_binary_is_a_setup_error_naming_it() {
        TlcDriver noJava = new TlcDriver(temp.resolve("no-such-java"), TlcDriver.localClasspath());

        assertThatThrownBy(() -> noJava.run(toy("Toy_ok.cfg").build()))
                .isInstanceOf(TlcSetupException.class).hasMessageContaining("no-such-java");
    }

    @Test
    void a_classpath_without_tlc_is_a_setup_error() {
        TlcDriver noTlc = new TlcDriver(Path.of(System.getProperty("java.home"), "bin", "java"), temp.toString());

        assertThatThrownBy(() -> noTlc.run(toy("Toy_ok.cfg").build()))
                .isInstanceOf(TlcSetupException.class).hasMessageContaining("tlc2.TLC");
    }

    @Test
    void a_module_missing_from_the_spec_files_is_a_setup_error_naming_module_and_source() {
        assertThatThrownBy(() -> driver().run(TlcRun.of("Nowhere").spec(TOY).build()))
                .isInstanceOf(TlcSetupException.class).hasMessageContaining("Nowhere.tla").hasMessageContaining("toyspec");
    }
}
