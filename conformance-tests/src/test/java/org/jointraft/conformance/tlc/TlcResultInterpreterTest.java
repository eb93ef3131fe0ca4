package org.jointraft.conformance.tlc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TlcResultInterpreterTest {

    private static TlcResult interpret(int exitCode, List<TlcMessage> messages) {
        return TlcResultInterpreter.interpret(messages, List.of(), exitCode, false, 1.0,
                new TlcOutput(exitCode, "", messages, Optional.empty()));
    }

    @Test
    void a_violation_message_with_a_success_exit_code_is_reported_as_a_disagreement() {
        TlcResult result = interpret(0, List.of(new TlcMessage(2110, 1, "Invariant Inv is violated.", 0)));

        assertThat(result).isInstanceOfSatisfying(TlcResult.Error.class, e -> {
            assertThat(e.kind()).isEqualTo(TlcErrorKind.OTHER);
            assertThat(e.message()).contains("disagree").contains("exit code 0").contains("Inv");
        });
    }

    @Test
    void a_violation_exit_code_without_a_violation_message_is_reported_as_a_disagreement() {
        TlcResult result = interpret(12, List.of());

        assertThat(result).isInstanceOfSatisfying(TlcResult.Error.class,
                e -> assertThat(e.message()).contains("disagree").contains("exit code 12"));
    }

    @Test
    void an_error_exit_code_without_any_message_keeps_the_raw_output_in_the_explanation() {
        TlcResult result = TlcResultInterpreter.interpret(List.of(), List.of(), 255, false, 1.0,
                new TlcOutput(255, "something odd happened", List.of(), Optional.empty()));

        assertThat(result).isInstanceOfSatisfying(TlcResult.Error.class, e -> {
            assertThat(e.kind()).isEqualTo(TlcErrorKind.OTHER);
            assertThat(e.message()).contains("code 255").contains("something odd happened");
        });
    }

    @Test
    void stats_come_from_the_final_report_even_with_thousands_separators() {
        TlcResult result = interpret(0, List.of(
                new TlcMessage(2200, 0, "Progress(9) at 2026-01-01 00:00:00: 1,000 states generated (60 s/min), "
                        + "900 distinct states found (50 ds/min), 3 states left on queue.", 0),
                new TlcMessage(2199, 0, "1,234,567 states generated, 654,321 distinct states found, 0 states left on queue.", 0),
                new TlcMessage(2194, 0, "The depth of the complete state graph search is 31.", 0)));

        assertThat(result).isInstanceOf(TlcResult.Ok.class);
        assertThat(result.stats()).isEqualTo(new TlcStats(1_234_567, 654_321, 31, 1.0));
    }
}
