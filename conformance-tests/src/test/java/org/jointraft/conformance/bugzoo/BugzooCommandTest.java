package org.jointraft.conformance.bugzoo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.jointraft.conformance.cli.Main;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BugzooCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void list_names_every_bug_with_the_rule_it_breaks_and_runs_nothing() {
        int code = run("bugzoo", "--list");

        assertThat(code).isZero();
        for (Bug bug : BugCatalogue.load().all()) {
            assertThat(out.toString()).contains(bug.name()).contains("breaks: " + bug.breaks());
        }
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void an_unknown_bug_exits_with_2_and_lists_the_known_ones() {
        int code = run("bugzoo", "--bug", "no-such-bug");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("no bug named 'no-such-bug'").contains("vote-not-durable");
    }

    @Test
    void zero_runs_per_bug_is_bad_input() {
        int code = run("bugzoo", "--runs-per-bug", "0", "--bug", "vote-not-durable");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--runs-per-bug': must be at least 1, got 0");
    }
}
