package org.jointraft.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReadyTest {

    private static Ready ready(long term, long persistFrom, List<Entry> persist, long firstCommitted,
            List<Entry> committed) {
        return new Ready(List.of(), persistFrom != 0, term, 0, persistFrom, persist, firstCommitted, committed,
                List.of());
    }

    @Test
    void mergingTwoAppendsKeepsOneContiguousLogChange() {
        Ready first = ready(1, 2, List.of(Entry.blank(1)), 0, List.of());
        Ready second = ready(1, 3, List.of(Entry.normal(1, "a")), 2, List.of(Entry.blank(1)));
        Ready merged = first.then(second);
        assertThat(merged.persistLogFrom()).isEqualTo(2);
        assertThat(merged.persistEntries()).containsExactly(Entry.blank(1), Entry.normal(1, "a"));
        assertThat(merged.firstCommittedIndex()).isEqualTo(2);
    }

    @Test
    void aLaterTruncationBelowTheFirstChangeReplacesIt() {
        Ready first = ready(1, 3, List.of(Entry.normal(1, "a")), 0, List.of());
        Ready second = ready(2, 2, List.of(Entry.blank(2)), 0, List.of());
        Ready merged = first.then(second);
        assertThat(merged.persistLogFrom()).isEqualTo(2);
        assertThat(merged.persistEntries()).containsExactly(Entry.blank(2));
        assertThat(merged.term()).isEqualTo(2);
    }

    @Test
    void aTruncationInsideTheFirstChangeKeepsItsPrefix() {
        Ready first = ready(1, 2, List.of(Entry.blank(1), Entry.normal(1, "a"), Entry.normal(1, "b")), 0, List.of());
        Ready second = ready(2, 3, List.of(Entry.normal(2, "c")), 0, List.of());
        assertThat(first.then(second).persistEntries())
                .containsExactly(Entry.blank(1), Entry.normal(2, "c"));
    }

    @Test
    void committedEntriesOfBothAreConcatenatedInIndexOrder() {
        Ready first = ready(1, 0, List.of(), 2, List.of(Entry.blank(1)));
        Ready second = ready(1, 0, List.of(), 3, List.of(Entry.normal(1, "a")));
        Ready merged = first.then(second);
        assertThat(merged.firstCommittedIndex()).isEqualTo(2);
        assertThat(merged.committed()).containsExactly(Entry.blank(1), Entry.normal(1, "a"));
    }

    @Test
    void mergingWithAnEmptyOutputChangesNothing() {
        Ready first = ready(1, 2, List.of(Entry.blank(1)), 0, List.of());
        assertThat(first.then(Ready.EMPTY)).isEqualTo(first);
        assertThat(Ready.EMPTY.then(first)).isEqualTo(first);
        assertThat(Ready.EMPTY.isEmpty()).isTrue();
    }

    @Test
    void theMergedOutputPersistsTheHardStateWhenEitherPartChangedIt() {
        Ready changed = new Ready(List.of(), true, 2, 1, 0, List.of(), 0, List.of(), List.of(Role.CANDIDATE));
        Ready unchanged = new Ready(List.of(), false, 2, 1, 0, List.of(), 0, List.of(), List.of(Role.LEADER));
        assertThat(changed.then(unchanged).hardStateChanged()).isTrue();
        assertThat(unchanged.then(changed).hardStateChanged()).isTrue();
        assertThat(unchanged.then(unchanged).hardStateChanged()).isFalse();
        assertThat(changed.then(unchanged).roleChanges()).containsExactly(Role.CANDIDATE, Role.LEADER);
    }

    @Test
    void aRestartInBetweenLetsTheLaterCommitReportReplaceTheEarlierOne() {
        Ready before = ready(1, 0, List.of(), 2, List.of(Entry.blank(1), Entry.normal(1, "a")));
        Ready after = ready(1, 0, List.of(), 1, List.of(Entry.member(0, Membership.of(1))));
        Ready merged = before.then(after);
        assertThat(merged.firstCommittedIndex()).isEqualTo(1);
        assertThat(merged.committed()).containsExactly(Entry.member(0, Membership.of(1)));
    }

    private static Ready withSnapshot(long persistFrom, List<Entry> persist, long index) {
        return new Ready(List.of(), false, 2, 0, persistFrom, persist, 0, List.of(), List.of(),
                new Snapshot(index, 2, 0, Membership.of(1), new byte[] {(byte) index}));
    }

    @Test
    void aSnapshotAloneIsNotEmptyAndSurvivesAMergeWithAnOutputWithoutOne() {
        Ready snap = withSnapshot(0, List.of(), 3);
        Ready later = ready(2, 4, List.of(Entry.normal(2, "d")), 0, List.of());
        assertThat(snap.isEmpty()).isFalse();
        assertThat(snap.then(later).snapshot()).isEqualTo(snap.snapshot());
        assertThat(snap.then(later).persistLogFrom()).isEqualTo(4);
        assertThat(later.then(snap).snapshot()).isEqualTo(snap.snapshot());
    }

    @Test
    void theLaterOfTwoSnapshotsWins() {
        Ready merged = withSnapshot(0, List.of(), 3).then(withSnapshot(0, List.of(), 5));
        assertThat(merged.snapshot().index()).isEqualTo(5);
    }

    @Test
    void aLaterSnapshotDropsTheEarlierPersistedEntriesAtOrBelowItsIndex() {
        Ready appended = ready(2, 3, List.of(Entry.normal(2, "a"), Entry.normal(2, "b"), Entry.normal(2, "c")), 0,
                List.of());
        Ready merged = appended.then(withSnapshot(0, List.of(), 4));
        assertThat(merged.persistLogFrom()).isEqualTo(5);
        assertThat(merged.persistEntries()).containsExactly(Entry.normal(2, "c"));
    }

    @Test
    void aLaterSnapshotCoveringEveryPersistedEntryStillDropsTheDurableSuffixAfterIt() {
        // the earlier output truncated the durable log at 3: what was durable above the snapshot must go too
        Ready truncated = ready(2, 3, List.of(Entry.normal(2, "a")), 0, List.of());
        Ready merged = truncated.then(withSnapshot(0, List.of(), 6));
        assertThat(merged.persistLogFrom()).isEqualTo(7);
        assertThat(merged.persistEntries()).isEmpty();
    }

    @Test
    void aLaterSnapshotDropsTheEarlierCommittedEntriesItHolds() {
        Ready committed = ready(2, 0, List.of(), 3, List.of(Entry.normal(2, "a"), Entry.normal(2, "b")));
        Ready partly = committed.then(withSnapshot(0, List.of(), 3));
        assertThat(partly.firstCommittedIndex()).isEqualTo(4);
        assertThat(partly.committed()).containsExactly(Entry.normal(2, "b"));
        Ready wholly = committed.then(withSnapshot(5, List.of(), 9));
        assertThat(wholly.firstCommittedIndex()).isZero();
        assertThat(wholly.committed()).isEmpty();
        assertThat(wholly.persistLogFrom()).isEqualTo(10);
    }
}
