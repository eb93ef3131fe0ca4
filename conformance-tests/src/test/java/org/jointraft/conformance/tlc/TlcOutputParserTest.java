package org.jointraft.conformance.tlc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TlcOutputParserTest {

    @Test
    void a_nested_message_is_reported_on_its_own_and_names_its_parent() {
        List<TlcMessage> heard = new ArrayList<>();
        TlcOutputParser parser = new TlcOutputParser(new TlcListener() {
            @Override
            public void onMessage(TlcMessage m) {
                heard.add(m);
            }
        });
        String output = """
                @!@!@STARTMSG 2105:1 @!@!@
                Evaluating assumption line 5 failed.
                @!@!@STARTMSG 2158:0 @!@!@
                Attempted to check if "a" is in Nat.
                @!@!@ENDMSG 2158 @!@!@
                @!@!@ENDMSG 2105 @!@!@
                Parsing file spec/x.tla
                """;
        output.lines().forEach(parser::accept);

        assertThat(parser.messages()).containsExactly(
                new TlcMessage(2105, 1, "Evaluating assumption line 5 failed.", 0),
                new TlcMessage(2158, 0, "Attempted to check if \"a\" is in Nat.", 2105));
        assertThat(heard).extracting(TlcMessage::code).containsExactly(2158, 2105);
        assertThat(parser.plainLines()).containsExactly("Parsing file spec/x.tla");
    }

    @Test
    void a_progress_report_is_read_with_its_rates_and_queue() {
        assertThat(TlcOutputParser.parseProgress("Progress(12) at 2026-11-27 11:20:37: 1,511,000 states generated "
                + "(796,000 s/min), 409,000 distinct states found (651 ds/min), 17,000 states left on queue."))
                .contains(new TlcProgress(12, 1_511_000, 409_000, 17_000, 796_000, 651));
    }

    @Test
    void a_state_with_a_value_over_several_lines_keeps_the_whole_value() {
        TlcState state = TlcStateParser.parse("""
                4: <HandleAppendEntries(1, m) line 7, col 9 to line 7, col 94 of module JointRaft>
                /\\ log = ( 1 :> <<[term |-> 0]>> @@
                  2 :> <<>> )
                /\\ role = (1 :> "Leader" @@ 2 :> "Follower")
                """);

        assertThat(state.number()).isEqualTo(4);
        assertThat(state.action()).isEqualTo("HandleAppendEntries(1, m)");
        assertThat(state.location()).isEqualTo("line 7, col 9 to line 7, col 94 of module JointRaft");
        assertThat(state.variables()).containsExactly(
                java.util.Map.entry("log", "( 1 :> <<[term |-> 0]>> @@\n  2 :> <<>> )"),
                java.util.Map.entry("role", "(1 :> \"Leader\" @@ 2 :> \"Follower\")"));
    }

    @Test
    void a_state_of_a_spec_with_one_variable_has_no_conjunction_bullet() {
        TlcState state = TlcStateParser.parse("1: <Initial predicate>\nx = 0\n");

        assertThat(state.action()).isEqualTo("Initial predicate");
        assertThat(state.location()).isEmpty();
        assertThat(state.variables()).containsExactly(java.util.Map.entry("x", "0"));
    }
}
