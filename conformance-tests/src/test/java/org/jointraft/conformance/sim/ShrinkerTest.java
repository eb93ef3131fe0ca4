package org.jointraft.conformance.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ShrinkerTest {

    /** A synthetic failure: some node crashed and some membership call succeeded, both within the run. */
    private static final Predicate<SimOptions> CRASH_AND_SUCCESSFUL_CALL = o -> {
        SimResult r = Simulator.run(o, null);
        return r.notes().stream().anyMatch(n -> n.text().endsWith("crashed"))
                && r.calls().stream().anyMatch(c -> "ok".equals(c.result()));
    };

    private static SimOptions failingRun() {
        for (long seed = 1; seed < 50; seed++) {
            SimOptions o = SimOptions.defaults(seed).withNodes(5).withSteps(1500).withFaults(Fault.all())
                    .withNodeFaultRate(0.01).withMembershipRate(0.05);
            if (CRASH_AND_SUCCESSFUL_CALL.test(o)) {
                return o;
            }
        }
        throw new AssertionError("no seed below 50 fails the synthetic predicate");
    }

    @Test
    void shrinkingGivesFewerStepsAndFaultKindsThatStillFail() {
        SimOptions failing = failingRun();

        SimOptions small = Shrinker.shrink(failing, CRASH_AND_SUCCESSFUL_CALL);

        assertThat(CRASH_AND_SUCCESSFUL_CALL.test(small)).isTrue();
        assertThat(small.seed()).isEqualTo(failing.seed());
        assertThat(small.steps()).isLessThan(failing.steps());
        assertThat(small.faults()).hasSizeLessThan(failing.faults().size()).contains(Fault.CRASH, Fault.MEMBERSHIP);
        // one step fewer no longer fails: the binary search found the first failing prefix
        assertThat(CRASH_AND_SUCCESSFUL_CALL.test(small.withSteps(small.steps() - 1))).isFalse();
    }

    @Test
    void aRunThatDoesNotFailCannotBeShrunk() {
        SimOptions fine = SimOptions.defaults(1).withSteps(10);

        assertThatThrownBy(() -> Shrinker.shrink(fine, o -> false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fail");
    }

    @Test
    void aShrinkThatIsOutOfTimeStopsWithTheSmallestFailingRunSoFar() {
        SimOptions failing = failingRun();
        AtomicInteger asked = new AtomicInteger();

        Shrinker.Result r = Shrinker.shrinkFailing(failing, CRASH_AND_SUCCESSFUL_CALL, 1000, () -> asked.incrementAndGet() > 3);

        assertThat(r.end()).isEqualTo(Shrinker.End.TIME_UP);
        assertThat(r.candidates()).isEqualTo(3);
        assertThat(CRASH_AND_SUCCESSFUL_CALL.test(r.smallest())).isTrue();
    }

    @Test
    void aShrinkStopsAtItsCandidateBudgetAndNeverRetriesTheRunItWasGiven() {
        SimOptions failing = failingRun();
        List<SimOptions> tried = new ArrayList<>();
        Predicate<SimOptions> recording = o -> {
            tried.add(o);
            return CRASH_AND_SUCCESSFUL_CALL.test(o);
        };

        Shrinker.Result few = Shrinker.shrinkFailing(failing, recording, 5, () -> false);
        Shrinker.Result enough = Shrinker.shrinkFailing(failing, CRASH_AND_SUCCESSFUL_CALL, 1000, () -> false);

        assertThat(few.end()).isEqualTo(Shrinker.End.CANDIDATES_SPENT);
        assertThat(few.candidates()).isEqualTo(5);
        assertThat(tried).hasSize(5).doesNotContain(failing);
        assertThat(enough.end()).isEqualTo(Shrinker.End.NOTHING_SMALLER_FAILS);
        assertThat(enough.candidates()).isLessThan(1000);
        assertThat(enough.smallest().steps()).isLessThanOrEqualTo(few.smallest().steps());
    }
}
