package org.jointraft.conformance.tlc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The witness lines of a cfg (the TLC runs are covered by ModelCheckCommandTest and JointRaftModelCheckTest). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ModelCheckTest {
    @Test
    void witness_lines_name_invariants_in_order_and_other_comments_are_ignored() {
        String cfg = "\\* a model\n\\* witness: NotSeedOutcome\r\nINIT Init\n  \\*   witness:  Other  \nINVARIANT TypeOK\n"
                + "\\* the witness: here is prose\n";

        assertThat(ModelCheck.witnesses("M.cfg", cfg)).containsExactly("NotSeedOutcome", "Other");
        assertThat(ModelCheck.witnesses("M.cfg", "INIT Init\n")).isEmpty();
    }

    @Test
    void a_witness_line_that_names_no_single_invariant_is_a_setup_error_naming_the_cfg() {
        assertThatThrownBy(() -> ModelCheck.witnesses("M_x.cfg", "\\* witness: A B\n"))
                .isInstanceOf(TlcSetupException.class).hasMessageContaining("M_x.cfg").hasMessageContaining("'A B'");
        assertThatThrownBy(() -> ModelCheck.witnesses("M_x.cfg", "\\* witness:\n"))
                .isInstanceOf(TlcSetupException.class);
    }
}
