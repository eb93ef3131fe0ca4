package org.jointraft.conformance.tlc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Negative checks: every variant of the real spec breaks one rule, and TLC must catch it with its invariant. The server
 * variants edit JointRaft.tla; the client ones (file: JointRaftClient.tla) are checked in the calls model. A variant
 * runs breadth-first on its cfg, or in TLC's simulation mode with its header's seed and depth (search: simulate); a
 * simulation that has not caught it within its limit fails.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SpecVariantsCaughtTest {
    static final List<String> REQUIRED = List.of("ApplyOnCommit", "ProposeBeforeCommit", "SkipJointStep",
            "ChangeBeforeBlankCommitted", "CommitPreviousTermByCounting", "ElectionQuorumOverUnion",
            // rules added since: joint quorums, learners, the leader's own copy
            "QuorumNewConfigOnly", "LearnerVoteCounted", "LeaderCountsItselfWhenNotVoter", "NoRevertOnTruncation",
            // client rules, in MCJointRaftCalls (JointRaftClient.tla edited)
            "NoReReadInStep2", "ReportEffectiveMembership", "GuardDroppedInStep2", "JointStep1Done", "InProgressEndsCall",
            // snapshots: OpenRaft #1808's stale membership, compaction past the commit index, install over a conflict
            "SnapshotKeepsStaleMembership", "CompactPastCommit", "InstallKeepsConflictingSuffix");
    /** Breadth-first runs: the aim is 60 s with 2 workers; the limit leaves room for a loaded machine. */
    static final Duration VARIANT_LIMIT = Duration.ofMinutes(3);
    /** Simulation runs: twice VariantRunner.SIMULATION_LIMIT, for the same reason (one worker is reproducible). */
    static final Duration SIMULATION_LIMIT = VariantRunner.SIMULATION_LIMIT.multipliedBy(2);

    private final VariantRunner runner = new VariantRunner(TlcDriver.local());

    @Test
    void the_required_variants_exist() {
        assertThat(runner.variantNames())
                .as("variant files under tla/variants/ (spec/variants/*.variant packaged by the spec module)")
                .containsAll(REQUIRED);
    }

    /**
     * The variants to run: all, or those named by the system property {@code jointraft.variants} (comma-separated,
     * e.g. {@code mvn -pl conformance-tests test -Dtest=SpecVariantsCaughtTest -Djointraft.variants=A,B}).
     */
    private List<String> selected() {
        String only = System.getProperty("jointraft.variants", "").strip();
        if (only.isEmpty()) {
            return runner.variantNames();
        }
        List<String> names = Stream.of(only.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList();
        assertThat(runner.variantNames()).as("variants named by jointraft.variants").containsAll(names);
        return names;
    }

    @TestFactory
    Stream<DynamicTest> each_variant_is_caught_by_exactly_its_expected_invariant() {
        return selected().stream().map(name -> DynamicTest.dynamicTest(name + " is caught", () -> {
            SpecVariant variant = runner.load(name);
            Duration limit = variant.search().simulate() ? SIMULATION_LIMIT : VARIANT_LIMIT;
            VariantOutcome outcome = runner.run(variant, run -> run.workers(2).timeout(limit));
            System.out.println("variant " + outcome.summary());
            assertThat(outcome.caughtAsExpected()).as(outcome.summary()).isTrue();
        }));
    }
}
