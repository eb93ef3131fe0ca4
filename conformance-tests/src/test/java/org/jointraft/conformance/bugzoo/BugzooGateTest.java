package org.jointraft.conformance.bugzoo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast subset of the zoo that runs in every build: bugs the gate caught within a few runs when measured
 * (docs/bugzoo.md). If one of them is no longer caught, the simulator, the trace or the spec lost some of its power.
 * The hunt's seeds are fixed, so the outcome only changes when impl, simulator or spec change.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BugzooGateTest {
    /** Each of these was caught within 4 runs; 10 leaves room for harmless changes in the runs. */
    private static final int RUNS = 10;

    private final BugCatalogue catalogue = BugCatalogue.load();
    private final BugRunner runner = new BugRunner(catalogue.implSources(), Duration.ofMinutes(5));

    @ParameterizedTest(name = "{0} is caught by TLC")
    @ValueSource(strings = {"vote-not-durable", "candidate-ignores-same-term-leader", "apply-on-commit",
            "accept-stale-term-append", "removed-leader-keeps-leading", "ok-before-commit", "done-when-goal-voters-in-joint",
            "stale-match-index-across-terms", "in-place-restart-forgets-vote",
            // storage and snapshots
            "compact-past-commit", "snapshot-membership-from-effective", "restart-forgets-snapshot",
            "torn-write-applied-on-recovery"})
    void a_bug_that_used_to_be_caught_is_still_caught_by_TLC(String name) throws Exception {
        Bug bug = catalogue.select(java.util.List.of(name)).get(0);

        BugResult result = runner.run(bug, RUNS);

        assertThat(result.caught()).as(name + " caught within " + RUNS + " runs").isTrue();
        assertThat(result.judge()).as(result.reason()).isEqualTo(HuntOutcome.Judge.TLC);
        assertThat(result.reason()).startsWith("TLC rejects event ");
        assertThat(result.runs()).isBetween(1, RUNS);
    }

    @Test
    void the_unpatched_impl_is_not_caught_by_the_same_hunt() throws Exception {
        HuntOutcome control = runner.runControl(5);

        assertThat(control.caught()).as(control.reason()).isFalse();
        assertThat(control.runs()).isEqualTo(5);
        assertThat(control.events()).isPositive();
    }
}
