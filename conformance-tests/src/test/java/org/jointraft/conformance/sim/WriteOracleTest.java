package org.jointraft.conformance.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jointraft.core.Entry;
import org.jointraft.core.Membership;
import org.jointraft.core.Role;
import org.junit.jupiter.api.Test;

class WriteOracleTest {

    private static final Entry BOOT = Entry.member(0, Membership.of(1, 2, 3));
    private static final Entry W = Entry.normal(2, "w");

    private final WriteOracle oracle = new WriteOracle();

    private void acknowledgeOnNode1() {
        oracle.accepted(1, 3, W);
        assertThat(oracle.check(new FakeReplica(1, Role.LEADER, 2, 3, List.of(BOOT, Entry.blank(2), W)), 10)).isNull();
        assertThat(oracle.acknowledgedCount()).isEqualTo(1);
    }

    @Test
    void aLaterLeaderWithoutAnAcknowledgedWriteLosesIt() {
        acknowledgeOnNode1();

        SafetyChecker.Violation v = oracle.check(new FakeReplica(2, Role.LEADER, 3, 1,
                List.of(BOOT, Entry.blank(2), Entry.blank(3))), 20);

        assertThat(v.rule()).isEqualTo("acknowledged write lost");
        assertThat(v.message()).isEqualTo("node 2 leads term 3 without the write " + W + " at index 3 that node 1"
                + " acknowledged as committed at tick 10; it holds " + Entry.blank(3));
    }

    @Test
    void aLaterLeaderThatCompactedAnAcknowledgedWriteIntoItsSnapshotHoldsIt() {
        acknowledgeOnNode1();

        assertThat(oracle.check(new CompactedReplica(2, Role.LEADER, 3, 4, 3, 2, List.of(Entry.blank(3))), 20))
                .isNull();
        assertThat(oracle.check(new CompactedReplica(3, Role.LEADER, 4, 5, 4, 3, List.of(Entry.blank(4))), 30))
                .isNull();
    }

    @Test
    void aLaterLeaderWhoseSnapshotEndsAtTheWriteWithAnotherTermLosesIt() {
        acknowledgeOnNode1();

        SafetyChecker.Violation v = oracle.check(new CompactedReplica(2, Role.LEADER, 3, 3, 3, 3, List.of()), 20);

        assertThat(v.rule()).isEqualTo("acknowledged write lost");
        assertThat(v.message()).endsWith("; its snapshot through index 3 has term 3");
    }

    @Test
    void aLaterLeaderWhoseLogIsTooShortLosesIt() {
        acknowledgeOnNode1();

        SafetyChecker.Violation v = oracle.check(new FakeReplica(3, Role.LEADER, 4, 1, List.of(BOOT)), 20);

        assertThat(v.message()).endsWith("its log ends at 1");
    }

    @Test
    void aLaterLeaderHoldingTheWriteIsFine() {
        acknowledgeOnNode1();

        assertThat(oracle.check(new FakeReplica(2, Role.LEADER, 3, 1, List.of(BOOT, Entry.blank(2), W,
                Entry.blank(3))), 20)).isNull();
    }

    @Test
    void aWriteNotYetCommittedIsNotAcknowledgedSoLosingItIsAllowed() {
        oracle.accepted(1, 3, W);
        oracle.check(new FakeReplica(1, Role.LEADER, 2, 2, List.of(BOOT, Entry.blank(2), W)), 10);

        assertThat(oracle.acknowledgedCount()).isZero();
        assertThat(oracle.check(new FakeReplica(2, Role.LEADER, 3, 1, List.of(BOOT, Entry.blank(3))), 20)).isNull();
    }

    @Test
    void aWriteCommittedOnlyAfterItsLeaderLostTheTermIsNotAcknowledged() {
        oracle.accepted(1, 3, W);
        oracle.check(new FakeReplica(1, Role.LEADER, 4, 3, List.of(BOOT, Entry.blank(2), W, Entry.blank(4))), 10);

        assertThat(oracle.acknowledgedCount()).isZero();
    }

    @Test
    void followersAreNotJudged() {
        acknowledgeOnNode1();

        assertThat(oracle.check(new FakeReplica(2, Role.FOLLOWER, 3, 1, List.of(BOOT)), 20)).isNull();
    }
}
