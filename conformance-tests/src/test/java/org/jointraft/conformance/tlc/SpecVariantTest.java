package org.jointraft.conformance.tlc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SpecVariantTest {
    private static final String HEADER = "\\* leaders forget\n\\* expect: LeaderCompleteness\n\\* cfg: MCJointRaft_ci.cfg\n";

    @TempDir
    Path temp;

    @Test
    void a_variant_file_gives_its_description_expectation_cfg_and_blocks() {
        SpecVariant v = SpecVariant.parse("Forget", HEADER
                + "---- replace\nA == 1\nB == 2\n---- with\nA == 3\n----\n\n---- replace\nC\n---- with\n----\n");

        assertThat(v.description()).isEqualTo("leaders forget");
        assertThat(v.expectedInvariant()).isEqualTo("LeaderCompleteness");
        assertThat(v.cfg()).isEqualTo("MCJointRaft_ci.cfg");
        assertThat(v.module()).isEqualTo("MCJointRaft");
        assertThat(v.file()).isNull();
        assertThat(v.search()).isEqualTo(SpecVariant.Search.BREADTH_FIRST);
        assertThat(v.search().tlcOptions()).isEmpty();
        assertThat(v.fileOr("JointRaft.tla")).isEqualTo("JointRaft.tla");
        assertThat(v.replacements()).extracting(SpecVariant.Replacement::replace).containsExactly("A == 1\nB == 2", "C");
        assertThat(v.replacements()).extracting(SpecVariant.Replacement::with).containsExactly("A == 3", "");
        assertThat(v.applyTo("JointRaft.tla", "X\nA == 1\nB == 2\nC D\n")).isEqualTo("X\nA == 3\n D\n");
    }

    @Test
    void a_file_header_names_the_file_the_blocks_edit() {
        SpecVariant v = SpecVariant.parse("Client", HEADER + "\\* module: MCJointRaftCalls\n\\* file: JointRaftClient.tla\n"
                + "---- replace\nA\n---- with\nB\n----\n");

        assertThat(v.module()).isEqualTo("MCJointRaftCalls");
        assertThat(v.fileOr("JointRaft.tla")).isEqualTo("JointRaftClient.tla");
        assertThat(v.description()).isEqualTo("leaders forget");
    }

    @Test
    void a_variant_without_an_expected_invariant_is_rejected_naming_the_variant() {
        assertThatThrownBy(() -> SpecVariant.parse("NoExpect", "\\* d\n\\* cfg: x.cfg\n---- replace\na\n---- with\nb\n----\n"))
                .isInstanceOf(TlcSetupException.class).hasMessageContaining("variant NoExpect").hasMessageContaining("expect:");
    }

    @Test
    void a_with_block_that_is_never_closed_is_rejected_with_its_line() {
        assertThatThrownBy(() -> SpecVariant.parse("Open", HEADER + "---- replace\na\n---- with\nb\n"))
                .isInstanceOf(TlcSetupException.class).hasMessageContaining("variant Open, line 6")
                .hasMessageContaining("closing '----'");
    }

    @Test
    void a_variant_without_blocks_is_rejected() {
        assertThatThrownBy(() -> SpecVariant.parse("Empty", HEADER))
                .isInstanceOf(TlcSetupException.class).hasMessageContaining("no '---- replace' block");
    }

    @Test
    void a_replace_text_missing_from_the_spec_is_an_error_naming_variant_block_and_file() {
        SpecVariant v = SpecVariant.parse("Gone", HEADER + "---- replace\nA == 1\n---- with\nA == 2\n----\n"
                + "---- replace\nNowhere == TRUE\n---- with\nX\n----\n");

        assertThatThrownBy(() -> v.applyTo("JointRaft.tla", "A == 1\n"))
                .isInstanceOf(TlcSetupException.class)
                .hasMessageContaining("variant Gone, replace block 2").hasMessageContaining("Nowhere == TRUE")
                .hasMessageContaining("occurs 0 times in JointRaft.tla");
    }

    @Test
    void a_replace_text_that_occurs_twice_is_an_error() {
        SpecVariant v = SpecVariant.parse("Twice", HEADER + "---- replace\nx' = 1\n---- with\nx' = 2\n----\n");

        assertThatThrownBy(() -> v.applyTo("JointRaft.tla", "A == x' = 1\nB == x' = 1\n"))
                .isInstanceOf(TlcSetupException.class).hasMessageContaining("occurs 2 times");
    }

    @Test
    void the_runner_finds_the_toy_variant_and_tlc_catches_it_with_the_expected_invariant() {
        VariantRunner runner = new VariantRunner(TlcDriver.local().withTempParent(temp), TlcDriverTest.TOY, "Toy.tla");

        assertThat(runner.variantNames()).containsExactly("YOvertakesX");
        VariantOutcome outcome = runner.run(runner.load("YOvertakesX"));

        assertThat(outcome.caughtAsExpected()).as(outcome.summary()).isTrue();
        assertThat(outcome.summary()).contains("YOvertakesX").contains("violated YBehindX");
    }

    @Test
    void a_variant_caught_by_another_invariant_does_not_count_as_caught() {
        VariantRunner runner = new VariantRunner(TlcDriver.local().withTempParent(temp), TlcDriverTest.TOY, "Toy.tla");
        SpecVariant wrongExpectation = SpecVariant.parse("Wrong", "\\* y may overtake\n\\* expect: Small\n"
                + "\\* cfg: Toy_ok.cfg\n\\* module: Toy\n---- replace\nIncY == y < x\n---- with\nIncY == y <= x\n----\n");

        VariantOutcome outcome = runner.run(wrongExpectation);

        assertThat(outcome.result()).isInstanceOf(TlcResult.InvariantViolated.class);
        assertThat(outcome.caughtAsExpected()).isFalse();
    }

    @Test
    void a_search_header_selects_tlc_simulation_with_its_seed_and_depth() {
        SpecVariant v = SpecVariant.parse("Deep", HEADER + "\\* search: simulate seed=7 depth=40\n"
                + "---- replace\nA\n---- with\nB\n----\n");

        assertThat(v.search().simulate()).isTrue();
        assertThat(v.search().seed()).isEqualTo(7);
        assertThat(v.search().depth()).isEqualTo(40);
        assertThat(v.search().tlcOptions()).containsExactly("-simulate", "-seed", "7", "-depth", "40");
        assertThat(v.search()).hasToString("simulate seed=7 depth=40");
    }

    @Test
    void a_search_header_may_name_breadth_first_search_explicitly() {
        SpecVariant v = SpecVariant.parse("Wide", HEADER + "\\* search: breadth-first\n---- replace\nA\n---- with\nB\n----\n");

        assertThat(v.search().simulate()).isFalse();
    }

    @Test
    void a_search_header_without_a_seed_is_rejected_naming_the_variant_and_its_line() {
        assertThatThrownBy(() -> SpecVariant.parse("NoSeed", HEADER + "\\* search: simulate depth=40\n"
                + "---- replace\nA\n---- with\nB\n----\n"))
                .isInstanceOf(TlcSetupException.class).hasMessageContaining("variant NoSeed, line 4")
                .hasMessageContaining("search header 'simulate depth=40'").hasMessageContaining("seed=<integer>");
    }

    @Test
    void a_search_header_of_another_mode_is_rejected() {
        assertThatThrownBy(() -> SpecVariant.parse("Dfs", HEADER + "\\* search: depth-first seed=1 depth=9\n"
                + "---- replace\nA\n---- with\nB\n----\n"))
                .isInstanceOf(TlcSetupException.class).hasMessageContaining("variant Dfs, line 4")
                .hasMessageContaining("'depth-first seed=1 depth=9'");
    }

    @Test
    void a_search_depth_of_zero_is_rejected() {
        assertThatThrownBy(() -> SpecVariant.parse("Flat", "\\* d\n\\* search: simulate seed=1 depth=0\n\\* expect: X\n"
                + "\\* cfg: x.cfg\n---- replace\nA\n---- with\nB\n----\n"))
                .isInstanceOf(TlcSetupException.class).hasMessageContaining("variant Flat, line 2")
                .hasMessageContaining("depth must be at least 1");
    }

    @Test
    void a_misspelt_header_key_is_rejected_rather_than_taken_for_a_description() {
        assertThatThrownBy(() -> SpecVariant.parse("Typo", HEADER + "\\* serch: simulate seed=1 depth=9\n"
                + "---- replace\nA\n---- with\nB\n----\n"))
                .isInstanceOf(TlcSetupException.class).hasMessageContaining("variant Typo, line 4")
                .hasMessageContaining("unknown header 'serch:'");
    }

    @Test
    void a_simulation_variant_is_caught_by_tlc_simulation_mode() {
        VariantRunner runner = new VariantRunner(TlcDriver.local().withTempParent(temp), TlcDriverTest.TOY, "Toy.tla");
        SpecVariant simulated = SpecVariant.parse("YOvertakesXSimulated", "\\* y may move past x\n\\* expect: YBehindX\n"
                + "\\* cfg: Toy_ok.cfg\n\\* module: Toy\n\\* search: simulate seed=3 depth=20\n"
                + "---- replace\nIncY == y < x /\\ y' = y + 1\n---- with\nIncY == y <= x /\\ y' = y + 1\n----\n");

        VariantOutcome outcome = runner.run(simulated);

        assertThat(outcome.caughtAsExpected()).as(outcome.summary()).isTrue();
        assertThat(outcome.summary()).contains("simulate seed=3 depth=20 on Toy_ok.cfg").contains("violated YBehindX");
    }

    @Test
    void a_simulation_that_finds_nothing_is_stopped_at_its_time_limit_and_not_caught() {
        VariantRunner runner = new VariantRunner(TlcDriver.local().withTempParent(temp), TlcDriverTest.TOY, "Toy.tla");
        SpecVariant harmless = SpecVariant.parse("Harmless", "\\* y still follows x\n\\* expect: YBehindX\n"
                + "\\* cfg: Toy_ok.cfg\n\\* module: Toy\n\\* search: simulate seed=3 depth=20\n"
                + "---- replace\nIncY == y < x /\\ y' = y + 1\n---- with\nIncY == y + 1 <= x /\\ y' = y + 1\n----\n");

        VariantOutcome outcome = runner.run(harmless, run -> run.timeout(Duration.ofSeconds(4)));

        assertThat(outcome.result()).isInstanceOfSatisfying(TlcResult.Error.class,
                e -> assertThat(e.kind()).isEqualTo(TlcErrorKind.TIMEOUT));
        assertThat(outcome.caughtAsExpected()).isFalse();
    }
}
