package org.jointraft.conformance.tlc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
}
