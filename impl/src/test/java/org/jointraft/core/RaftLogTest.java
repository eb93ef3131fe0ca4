package org.jointraft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class RaftLogTest {

    private static final Membership BOOT = Membership.of(1, 2, 3);
    private static final Membership FOUR = Membership.of(1, 2, 3, 4);
    private static final Membership FIVE = Membership.of(1, 2, 3, 4, 5);

    /** 1: bootstrap member entry, 2: blank(1), 3: normal(1), 4: member(1, FOUR), 5: normal(2), 6: member(2, FIVE). */
    private static RaftLog sixEntries() {
        return new RaftLog(BOOT, List.of(Entry.member(0, BOOT), Entry.blank(1), Entry.normal(1, "a"),
                Entry.member(1, FOUR), Entry.normal(2, "b"), Entry.member(2, FIVE)));
    }

    private static Snapshot snapshot(long index, long term, long memIndex, Membership m) {
        return new Snapshot(index, term, memIndex, m, new byte[] {1});
    }

    @Test
    void withoutASnapshotTheLogStartsAtIndexOneAndTermAtZeroIsZero() {
        RaftLog log = sixEntries();
        assertThat(log.snapshotIndex()).isZero();
        assertThat(log.termAt(0)).isZero();
        assertThat(log.lastIndex()).isEqualTo(6);
        assertThat(log.lastMemberAtOrBelow(3)).isEqualTo(1);
        assertThat(log.membershipAt(0)).isEqualTo(BOOT);
    }

    @Test
    void compactionKeepsIndicesAndAnswersTheSnapshotTermAtItsIndex() {
        RaftLog log = sixEntries();
        log.compact(snapshot(3, 1, 1, BOOT));
        assertThat(log.snapshotIndex()).isEqualTo(3);
        assertThat(log.lastIndex()).isEqualTo(6);
        assertThat(log.termAt(3)).isEqualTo(1);
        assertThat(log.termAt(5)).isEqualTo(2);
        assertThat(log.entryAt(4)).isEqualTo(Entry.member(1, FOUR));
        assertThat(log.all()).hasSize(3).first().isEqualTo(Entry.member(1, FOUR));
        assertThat(log.slice(4, 5)).containsExactly(Entry.member(1, FOUR), Entry.normal(2, "b"));
        assertThat(log.effectiveIndex()).isEqualTo(6);
    }

    @Test
    void termAtAndEntryAtBelowTheSnapshotThrow() {
        RaftLog log = sixEntries();
        log.compact(snapshot(3, 1, 1, BOOT));
        assertThatThrownBy(() -> log.termAt(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> log.entryAt(3)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("compacted up to 3");
        assertThatThrownBy(() -> log.truncateFrom(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> log.lastMemberAtOrBelow(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void lastMemberAtOrBelowFallsBackToTheSnapshotsMembershipIndex() {
        RaftLog log = sixEntries();
        log.compact(snapshot(4, 1, 4, FOUR));
        assertThat(log.lastMemberAtOrBelow(4)).isEqualTo(4);
        assertThat(log.lastMemberAtOrBelow(5)).isEqualTo(4);
        assertThat(log.lastMemberAtOrBelow(6)).isEqualTo(6);
        assertThat(log.membershipAt(4)).isEqualTo(FOUR);
        assertThat(log.membershipAt(6)).isEqualTo(FIVE);
    }

    @Test
    void theEffectiveMembershipIsTheSnapshotsWhenNoMemberEntrySurvivesAboveIt() {
        RaftLog log = sixEntries();
        log.truncateFrom(6);
        log.compact(snapshot(5, 2, 4, FOUR));
        assertThat(log.effectiveIndex()).isEqualTo(4);
        assertThat(log.effective()).isEqualTo(FOUR);
        log.append(Entry.member(2, FIVE));
        assertThat(log.effective()).isEqualTo(FIVE);
        log.truncateFrom(6);
        assertThat(log.effective()).isEqualTo(FOUR);
    }

    @Test
    void voterSinceFallsBackToTheSnapshotsMembershipInsteadOfBootstrap() {
        RaftLog log = sixEntries();
        log.truncateFrom(6);
        log.compact(snapshot(5, 2, 4, FOUR));
        assertThat(log.voterSince(5, 4)).isTrue(); // the bootstrap {1,2,3} would say no
        assertThat(log.voterSince(5, 5)).isFalse();
        log.append(Entry.member(2, FIVE));
        assertThat(log.voterSince(5, 5)).isTrue();
    }

    @Test
    void compactionMustStayInsideTheLogAndMatchTheEntrysTerm() {
        RaftLog log = sixEntries();
        assertThatThrownBy(() -> log.compact(snapshot(7, 2, 6, FIVE))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.compact(snapshot(3, 2, 1, BOOT))).isInstanceOf(IllegalArgumentException.class);
        log.compact(snapshot(3, 1, 1, BOOT));
        assertThatThrownBy(() -> log.compact(snapshot(3, 1, 1, BOOT))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void installingASnapshotTheLogReachesWithItsTermKeepsTheSuffix() {
        RaftLog log = sixEntries();
        assertThat(log.installSnapshot(snapshot(4, 1, 4, FOUR))).isTrue();
        assertThat(log.snapshotIndex()).isEqualTo(4);
        assertThat(log.lastIndex()).isEqualTo(6);
        assertThat(log.effective()).isEqualTo(FIVE);
        assertThat(log.termAt(4)).isEqualTo(1);
    }

    @Test
    void installingASnapshotWhoseTermDiffersDiscardsTheWholeLogAndItsNewerMembership() {
        RaftLog log = sixEntries();
        assertThat(log.installSnapshot(snapshot(5, 3, 4, FOUR))).isFalse();
        assertThat(log.lastIndex()).isEqualTo(5);
        assertThat(log.all()).isEmpty();
        assertThat(log.lastTerm()).isEqualTo(3);
        assertThat(log.effectiveIndex()).isEqualTo(4);
        assertThat(log.effective()).isEqualTo(FOUR);
    }

    @Test
    void installingASnapshotBeyondTheLogDiscardsTheWholeLog() {
        RaftLog log = sixEntries();
        assertThat(log.installSnapshot(snapshot(9, 2, 6, FIVE))).isFalse();
        assertThat(log.lastIndex()).isEqualTo(9);
        assertThat(log.all()).isEmpty();
        assertThat(log.effectiveIndex()).isEqualTo(6);
        assertThat(log.append(Entry.normal(3, "c"))).isEqualTo(10);
    }

    @Test
    void aSnapshotNotAboveTheHeldOneIsNotInstalled() {
        RaftLog log = sixEntries();
        log.compact(snapshot(3, 1, 1, BOOT));
        assertThatThrownBy(() -> log.installSnapshot(snapshot(3, 1, 1, BOOT)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLogRebuiltBehindASnapshotNumbersItsEntriesAfterIt() {
        RaftLog log = new RaftLog(BOOT, snapshot(4, 1, 4, FOUR), List.of(Entry.normal(2, "b")));
        assertThat(log.lastIndex()).isEqualTo(5);
        assertThat(log.entryAt(5)).isEqualTo(Entry.normal(2, "b"));
        assertThat(log.effective()).isEqualTo(FOUR);
        assertThat(log.effectiveIndex()).isEqualTo(4);
    }
}
