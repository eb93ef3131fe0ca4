package org.jointraft.conformance.tlc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The CI gate: the real spec's ci model check (a few minutes on two cores). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JointRaftModelCheckTest {
    /** Past this the ci model is too big for a CI gate; the run is stopped and the gate fails. */
    static final Duration CI_LIMIT = Duration.ofMinutes(6);

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
}
