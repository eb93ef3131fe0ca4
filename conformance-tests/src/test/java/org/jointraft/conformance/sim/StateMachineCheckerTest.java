package org.jointraft.conformance.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.jointraft.core.Entry;
import org.jointraft.core.Membership;
import org.jointraft.kv.KvStateMachine;
import org.junit.jupiter.api.Test;

class StateMachineCheckerTest {

    private final StateMachineChecker checker = new StateMachineChecker();

    @Test
    void twoNodesThatAppliedTheSameIndexWithDifferentValuesBreakStateMachineSafety() {
        assertThat(checker.check(1, 7, Map.of("k0", "w3", "k1", "w6"))).isNull();

        SafetyChecker.Violation v = checker.check(2, 7, Map.of("k0", "w3", "k1", "w1"));

        assertThat(v.rule()).isEqualTo("state machine safety");
        assertThat(v.message()).isEqualTo("nodes 1 and 2 applied up to index 7 but hold different key-value states: "
                + "{k0=w3, k1=w6} vs {k0=w3, k1=w1}");
    }

    @Test
    void aMissingKeyIsADifferentState() {
        checker.check(1, 4, Map.of("k0", "w1"));

        assertThat(checker.check(3, 4, Map.of())).isNotNull();
    }

    @Test
    void equalStatesAtOneIndexAndDifferentStatesAtDifferentIndexesAreFine() {
        assertThat(checker.check(1, 3, Map.of("k0", "w1"))).isNull();
        assertThat(checker.check(2, 3, Map.of("k0", "w1"))).isNull();
        assertThat(checker.check(2, 5, Map.of("k0", "w5"))).isNull();
        assertThat(checker.check(3, 5, Map.of("k0", "w5"))).isNull();
    }

    @Test
    void aNodeRestoredFromAWrongSnapshotIsCaughtAgainstItsOwnEarlierState() {
        checker.check(1, 6, Map.of("k0", "w6"));
        checker.restarted(1);

        SafetyChecker.Violation v = checker.check(1, 6, Map.of("k0", "w2"));

        assertThat(v.message()).startsWith("node 1 (before and now) applied up to index 6");
    }

    @Test
    void aStateThatChangesWithoutItsIndexMovingIsNotLookedAtAgain() {
        // the state only changes when entries are applied, which moves the index: the check is skipped, not fooled
        checker.check(1, 2, Map.of("k0", "w1"));
        assertThat(checker.check(1, 2, Map.of("k0", "other"))).isNull();
    }

    @Test
    void aSimulatedClusterHaltsWhenOneStateMachineAppliedSomethingElse() {
        Cluster c = new Cluster(3, Membership.of(1, 2, 3), 1, NetworkFaults.reliable(1), null, null);
        assertThat(c.runUntil(() -> c.leader() != 0, 300)).isTrue();
        int l = c.leader();
        int f = l == 1 ? 2 : 1;
        KvStateMachine kv = c.stateMachine(f);
        kv.apply(kv.appliedIndex() + 1, Entry.normal(c.node(l).currentTerm(), "set k0 forged"));

        c.write("set k0 real");
        c.run(10);

        assertThat(c.violation()).isNotNull();
        assertThat(c.violation().rule()).isEqualTo("state machine safety");
        // the forged entry took the index of the leader's blank entry, which sets nothing
        assertThat(c.violation().message()).startsWith("nodes ").contains(" applied up to index ")
                .contains("k0=forged");
    }
}
