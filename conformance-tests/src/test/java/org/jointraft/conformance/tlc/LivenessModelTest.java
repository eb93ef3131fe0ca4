package org.jointraft.conformance.tlc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The liveness model (spec/MCJointRaftLive.tla) through the model-check driver (one TLC run with the generated root
 * module, {@code -continue} and the guarded invariants, as {@code model-check --config live_*} runs it): with fair
 * steps on a fault-free network every membership call ends, and the property is not a tautology: without fairness
 * of replication TLC finds a behaviour in which a call waits for ever, and the driver reads it as a violation of the
 * cfg's property with the loop that ends the behaviour.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LivenessModelTest {
    static final Duration LIMIT = Duration.ofMinutes(2);

    private static ModelCheck.Report check(String cfg) {
        return ModelCheck.run(TlcDriver.local(), SpecSource.projectSpec(), "MCJointRaftLive", cfg,
                run -> run.workers(2).timeout(LIMIT));
    }

    @Test
    void every_call_ends_when_every_step_is_fair() {
        ModelCheck.Report report = check("MCJointRaftLive_calls.cfg");

        assertThat(report.passed()).as("%s", report.result()).isTrue();
        assertThat(ModelCheckSuite.Verdict.of(report)).isEqualTo(ModelCheckSuite.Verdict.OK);
        // 4,155 distinct states measured on 2026-12-02
        assertThat(report.result().stats().distinctStates()).isBetween(3_700L, 4_600L);
        assertThat(report.fired()).containsKeys("StartCall", "CallProposeMembership", "EndCall", "BecomeLeader",
                "SendAppendEntries", "HandleAppendEntries", "AdvanceCommitIndex");
    }

    @Test
    void a_call_may_wait_for_ever_when_replication_is_not_fair() {
        ModelCheck.Report report = check("MCJointRaftLive_unfair.cfg");

        assertThat(ModelCheckSuite.Verdict.of(report)).as("%s", report.result())
                .isEqualTo(ModelCheckSuite.Verdict.VIOLATION);
        assertThat(report.result()).isInstanceOfSatisfying(TlcResult.PropertyViolated.class, p -> {
            assertThat(p.properties()).containsExactly("Termination");
            assertThat(p.loop()).isNotNull();
            assertThat(p.trace()).hasSizeGreaterThan(3);
            assertThat(p.trace().get(0).action()).isEqualTo("Initial predicate");
            assertThat(p.trace()).anySatisfy(s -> assertThat(s.action()).isEqualTo("StartCallStep"));
            assertThat(p.output().exitCode()).isEqualTo(13);
            assertThat(p.output().raw()).contains("Temporal properties were violated");
        });
    }
}
