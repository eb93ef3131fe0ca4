package org.jointraft.conformance.tlc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The CI gate: the real spec's ci model check (a few minutes on two cores) and the two models of membership
 * calls (MCJointRaftCalls, about a minute each), the unguarded one with the seed witness.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JointRaftModelCheckTest {
    /** Past this the ci model is too big for a CI gate; the run is stopped and the gate fails. */
    static final Duration CI_LIMIT = Duration.ofMinutes(6);
    /** Each TLC run of a calls model (the witness run, then the whole search) must end within this. */
    static final Duration CALLS_LIMIT = Duration.ofMinutes(4);

    @Test
    void the_ci_model_check_finds_no_violation_in_at_least_half_a_million_distinct_states() {
        TlcResult result = TlcDriver.local().run(TlcRun.of("MCJointRaft").cfg("MCJointRaft_ci.cfg")
                .workers(2).timeout(CI_LIMIT).build());

        String what = result instanceof TlcResult.Error e ? e.kind() + ": " + e.message()
                : result instanceof TlcResult.InvariantViolated v
                ? v.invariant() + " violated:\n" + TraceFormatter.format(v.trace()) : result.toString();
        assertThat(result).as("ci model check: %s", what).isInstanceOf(TlcResult.Ok.class);
        assertThat(result.stats().distinctStates()).isGreaterThanOrEqualTo(500_000);
        System.out.printf("ci model check: %,d distinct states, depth %d, %.1f s%n",
                result.stats().distinctStates(), result.stats().depth(), result.stats().seconds());
    }

    @Test
    void the_unguarded_calls_model_reaches_the_seed_outcome_and_finds_no_violation() {
        ModelCheck.Report report = calls("MCJointRaftCalls_unguarded.cfg");

        assertThat(report.witnesses()).extracting(ModelCheck.Witness::invariant).containsExactly("NotSeedOutcome");
        ModelCheck.Witness seed = report.witnesses().get(0);
        assertThat(seed.found()).as("seed witness: %s", describe(seed.result())).isTrue();
        // the witness state: both calls ended ok, the call node's effective membership is joint
        String calls = seed.trace().get(seed.trace().size() - 1).variables().get("calls");
        assertThat(calls.split("result \\|-> \"ok\"", -1)).hasSize(3);
        assertThat(report.passed()).as("calls model: %s", describe(report.result())).isTrue();
        assertThat(report.result().stats().distinctStates()).isGreaterThanOrEqualTo(50_000);
        System.out.printf("calls model (unguarded): witness at depth %d (%.1f s); %,d distinct states, depth %d, %.1f s%n",
                seed.trace().size(), seed.result().stats().seconds(), report.result().stats().distinctStates(),
                report.result().stats().depth(), report.result().stats().seconds());
    }

    @Test
    void the_guarded_calls_model_reaches_a_step_2_guard_failure_and_finds_no_violation() {
        ModelCheck.Report report = calls("MCJointRaftCalls_guarded.cfg");

        assertThat(report.witnesses()).extracting(ModelCheck.Witness::invariant).containsExactly("NotStep2GuardFailed");
        assertThat(report.witnesses().get(0).found()).as("witness: %s", describe(report.witnesses().get(0).result())).isTrue();
        assertThat(report.passed()).as("guarded calls model: %s", describe(report.result())).isTrue();
        assertThat(report.result().stats().distinctStates()).isGreaterThanOrEqualTo(50_000);
        System.out.printf("calls model (guarded): %,d distinct states, depth %d, %.1f s%n",
                report.result().stats().distinctStates(), report.result().stats().depth(), report.result().stats().seconds());
    }

    private static ModelCheck.Report calls(String cfg) {
        return ModelCheck.run(TlcDriver.local(), SpecSource.projectSpec(), "MCJointRaftCalls", cfg,
                run -> run.workers(2).timeout(CALLS_LIMIT));
    }

    private static String describe(TlcResult result) {
        return result instanceof TlcResult.Error e ? e.kind() + ": " + e.message()
                : result instanceof TlcResult.InvariantViolated v
                ? v.invariant() + " violated:\n" + TraceFormatter.format(v.trace()) : result.toString();
    }
}
