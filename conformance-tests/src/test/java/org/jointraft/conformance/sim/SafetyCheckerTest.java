package org.jointraft.conformance.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jointraft.core.Entry;
import org.jointraft.core.Membership;
import org.jointraft.core.Message;
import org.jointraft.core.Role;
import org.junit.jupiter.api.Test;

class SafetyCheckerTest {

    private static final Entry BOOT = Entry.member(0, Membership.of(1, 2, 3));

    private final SafetyChecker checker = new SafetyChecker();

    @Test
    void twoLeadersOfOneTermBreakElectionSafety() {
        assertThat(checker.check(new FakeReplica(1, Role.LEADER, 2, 1, List.of(BOOT)), 1)).isNull();
        SafetyChecker.Violation v = checker.check(new FakeReplica(2, Role.LEADER, 2, 1, List.of(BOOT)), 1);

        assertThat(v.rule()).isEqualTo("election safety");
        assertThat(v.message()).isEqualTo("nodes 1 and 2 are both leaders of term 2");
    }

    @Test
    void leadersOfDifferentTermsAndTheSameLeaderTwiceAreFine() {
        assertThat(checker.check(new FakeReplica(1, Role.LEADER, 2, 1, List.of(BOOT)), 1)).isNull();
        assertThat(checker.check(new FakeReplica(1, Role.LEADER, 2, 1, List.of(BOOT)), 0)).isNull();
        assertThat(checker.check(new FakeReplica(2, Role.LEADER, 3, 1, List.of(BOOT)), 1)).isNull();
    }

    @Test
    void differentEntriesWithOneIndexAndTermBreakLogMatching() {
        checker.check(new FakeReplica(1, Role.FOLLOWER, 2, 1, List.of(BOOT, Entry.normal(2, "a"))), 1);
        SafetyChecker.Violation v = checker.check(new FakeReplica(2, Role.FOLLOWER, 2, 1, List.of(BOOT, Entry.normal(2, "b"))), 1);

        assertThat(v.rule()).isEqualTo("log matching");
        assertThat(v.message()).contains("nodes 1 and 2 hold different entries at index 2 term 2");
    }

    @Test
    void aSharedIndexAndTermAfterDifferentPrefixesBreaksLogMatching() {
        checker.check(new FakeReplica(1, Role.FOLLOWER, 3, 1, List.of(BOOT, Entry.blank(1), Entry.blank(3))), 1);
        SafetyChecker.Violation v = checker.check(
                new FakeReplica(2, Role.FOLLOWER, 3, 1, List.of(BOOT, Entry.blank(2), Entry.blank(3))), 1);

        assertThat(v.rule()).isEqualTo("log matching");
        assertThat(v.message()).contains("agree on index 3 term 3 but differ before it");
    }

    @Test
    void differentCommittedEntriesAtOneIndexBreakStateMachineSafety() {
        checker.check(new FakeReplica(1, Role.FOLLOWER, 2, 2, List.of(BOOT, Entry.blank(1))), 1);
        SafetyChecker.Violation v = checker.check(new FakeReplica(2, Role.FOLLOWER, 2, 2, List.of(BOOT, Entry.blank(2))), 1);

        assertThat(v.rule()).isEqualTo("state machine safety");
        assertThat(v.message()).contains("node 2 committed").contains("at index 2 but node 1 committed");
    }

    @Test
    void anUncommittedConflictingSuffixIsNoViolationOfStateMachineSafety() {
        assertThat(checker.check(new FakeReplica(1, Role.FOLLOWER, 2, 1, List.of(BOOT, Entry.blank(1))), 1)).isNull();
        assertThat(checker.check(new FakeReplica(2, Role.FOLLOWER, 2, 1, List.of(BOOT, Entry.blank(2))), 1)).isNull();
    }

    @Test
    void aCompactedNodeIsCheckedFromItsSnapshotOnAndItsCommittedEntriesStillCount() {
        checker.check(new FakeReplica(1, Role.FOLLOWER, 2, 3, List.of(BOOT, Entry.blank(2), Entry.normal(2, "a"))), 1);

        assertThat(checker.check(new CompactedReplica(2, Role.FOLLOWER, 2, 3, 2, 2, List.of(Entry.normal(2, "a"))), 1))
                .isNull();
        SafetyChecker.Violation v = checker.check(
                new CompactedReplica(3, Role.FOLLOWER, 2, 3, 2, 2, List.of(Entry.normal(2, "b"))), 1);

        assertThat(v.rule()).isEqualTo("log matching");
        assertThat(v.message()).contains("nodes 1 and 3 hold different entries at index 3 term 2");
    }

    @Test
    void aCommittedEntrySeenFirstAfterAnotherNodeCompactedItIsStillCompared() {
        // node 1 starts from a snapshot through 2: index 3 is the first it shows, and later nodes are held to it
        checker.check(new CompactedReplica(1, Role.FOLLOWER, 2, 3, 2, 2, List.of(Entry.normal(2, "a"))), 1);
        assertThat(checker.check(new FakeReplica(2, Role.FOLLOWER, 2, 2, List.of(BOOT, Entry.blank(2))), 1)).isNull();

        SafetyChecker.Violation v = checker.check(new FakeReplica(3, Role.FOLLOWER, 3, 3,
                List.of(BOOT, Entry.blank(2), Entry.normal(3, "c"))), 1);

        assertThat(v.rule()).isEqualTo("state machine safety");
        assertThat(v.message()).contains("at index 3 but node 1 committed");
    }

    @Test
    void aSnapshotOfAnotherTermThanTheEntryCommittedAtItsIndexBreaksStateMachineSafety() {
        checker.check(new FakeReplica(1, Role.FOLLOWER, 2, 2, List.of(BOOT, Entry.blank(2))), 1);

        SafetyChecker.Violation v = checker.check(new CompactedReplica(2, Role.FOLLOWER, 3, 2, 2, 3, List.of()), 1);

        assertThat(v.rule()).isEqualTo("state machine safety");
        assertThat(v.message()).isEqualTo("node 2 holds a snapshot through index 2 of term 3 but node 1 committed "
                + Entry.blank(2) + " there");
    }

    @Test
    void aNodeErrorFreezesASimulatedClusterWithAClearMessage() {
        Cluster cluster = new Cluster(3, Membership.of(1, 2, 3), 1, NetworkFaults.reliable(2), null, null);
        cluster.run(50);
        assertThat(cluster.violation()).isNull();
        int leader = cluster.leader();
        int other = leader == 1 ? 2 : 1;
        long term = cluster.node(leader).currentTerm();

        // a second leader of the same term: the impl refuses it with an exception
        cluster.deliverNow(new Message.AppendEntries(term, other, leader, 0, 0, List.of(), 0));
        long frozenAt = cluster.now();
        cluster.run(10);

        assertThat(cluster.violation().rule()).isEqualTo("node error");
        assertThat(cluster.violation().message()).startsWith("node " + leader + " threw");
        assertThat(cluster.violation().describe()).startsWith("node error violated at tick " + frozenAt);
        assertThat(cluster.now()).isEqualTo(frozenAt);
    }
}
