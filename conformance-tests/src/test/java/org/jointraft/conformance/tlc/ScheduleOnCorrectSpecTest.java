package org.jointraft.conformance.tlc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The guided schedules spec/MCSchedule_NAME.tla (hand-written counterexamples of three variants, kept as
 * documentation of each bug's shortest path; the variants themselves name the cfg TLC searches) must need the bug: on
 * the unmodified spec each one stops, with no violation, exactly at the step the broken rule guards.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ScheduleOnCorrectSpecTest {
    /**
     * Per variant, the schedule step the real spec refuses. TLC then has seen that many states: the
     * initial one and one after each earlier step.
     */
    static final Map<String, Integer> REFUSED_STEP = Map.of(
            "ElectionQuorumOverUnion", 25,        // BecomeLeader 4 with {3,4,5}: one vote of {1,2,3}
            "CommitPreviousTermByCounting", 23,   // AdvanceCommitIndex 1 2: the entry is of term 1, not 3
            "ChangeBeforeBlankCommitted", 28);    // ProposeMembership 2 U: no entry of term 2 committed
    static final Duration LIMIT = Duration.ofMinutes(1);

    private final VariantRunner variants = new VariantRunner(TlcDriver.local());

    @TestFactory
    Stream<DynamicTest> each_schedule_stops_without_violation_at_the_guarded_step_of_the_real_spec() {
        return REFUSED_STEP.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e ->
                DynamicTest.dynamicTest(e.getKey() + " schedule stops at step " + e.getValue(), () -> {
                    assertThat(variants.variantNames()).as("the variant the schedule belongs to").contains(e.getKey());
                    String module = "MCSchedule_" + e.getKey();
                    String cfg = module + ".cfg";
                    TlcResult result = TlcDriver.local().run(TlcRun.of(module).cfg(cfg)
                            .workers(1).timeout(LIMIT).build());

                    String what = result instanceof TlcResult.Error err ? err.kind() + ": " + err.message()
                            : result instanceof TlcResult.InvariantViolated v
                            ? v.invariant() + " violated:\n" + TraceFormatter.format(v.trace()) : result.toString();
                    assertThat(result).as("%s on the real spec: %s", cfg, what)
                            .isInstanceOf(TlcResult.Ok.class);
                    assertThat(result.stats().distinctStates())
                            .as("states of %s on the real spec (the initial one and one per step taken)", cfg)
                            .isEqualTo(e.getValue().longValue());
                }));
    }
}
