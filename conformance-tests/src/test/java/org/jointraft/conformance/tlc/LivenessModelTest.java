package org.jointraft.conformance.tlc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The liveness model (spec/MCJointRaftLive.tla): with fair steps on a fault-free network every membership call ends,
 * and the property is not a tautology: without fairness of replication TLC finds a behaviour in which a call waits
 * for ever (exit code 13, "Temporal properties were violated").
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LivenessModelTest {
    static final Duration LIMIT = Duration.ofMinutes(2);
    static final int TEMPORAL_PROPERTY_VIOLATED = 13;

    @Test
    void every_call_ends_when_every_step_is_fair() {
        TlcResult result = TlcDriver.local().run(TlcRun.of("MCJointRaftLive").cfg("MCJointRaftLive_calls.cfg")
                .workers(2).timeout(LIMIT).build());

        assertThat(result).as("%s", result).isInstanceOf(TlcResult.Ok.class);
        assertThat(result.stats().distinctStates()).isGreaterThan(1000);
    }

    @Test
    void a_call_may_wait_for_ever_when_replication_is_not_fair() {
        TlcResult result = TlcDriver.local().run(TlcRun.of("MCJointRaftLive").cfg("MCJointRaftLive_unfair.cfg")
                .workers(2).timeout(LIMIT).build());

        assertThat(result).isInstanceOfSatisfying(TlcResult.Error.class, e -> {
            assertThat(e.exitCode()).as(e.message()).isEqualTo(TEMPORAL_PROPERTY_VIOLATED);
            assertThat(e.output().raw()).contains("Temporal properties were violated");
        });
    }
}
