package org.jointraft.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jointraft.core.Entry;
import org.junit.jupiter.api.Test;

/** The rule both stores apply to the entries above a snapshot ({@link Compaction#install}). */
class CompactionTest {

    /** Entries 11, 12, 13 (terms 1, 2, 2) after a snapshot at 10. */
    private static final List<Entry> LOG = List.of(Entry.blank(1), Entry.blank(2), Entry.normal(2, "x"));

    @Test
    void aSnapshotMatchingTheEntryAtItsIndexKeepsTheEntriesAboveIt() {
        assertThat(Compaction.install(10, LOG, 12, 2)).isEqualTo(new Compaction.Tail(12,
                List.of(Entry.normal(2, "x")), true));
        assertThat(Compaction.install(10, LOG, 13, 2)).isEqualTo(new Compaction.Tail(13, List.of(), true));
    }

    @Test
    void aSnapshotConflictingWithTheEntryAtItsIndexEmptiesTheLogAfterIt() {
        assertThat(Compaction.install(10, LOG, 11, 2)).isEqualTo(new Compaction.Tail(11, List.of(), false));
    }

    @Test
    void aSnapshotBeyondTheEndOfTheLogEmptiesIt() {
        assertThat(Compaction.install(10, LOG, 20, 2)).isEqualTo(new Compaction.Tail(20, List.of(), false));
    }

    @Test
    void aSnapshotAtACompactedIndexKeepsTheEntriesAboveIt() {
        assertThat(Compaction.install(10, LOG, 10, 5)).isEqualTo(new Compaction.Tail(10, LOG, true));
        assertThat(Compaction.install(10, LOG, 7, 5)).isEqualTo(new Compaction.Tail(10, LOG, true));
    }

    @Test
    void aLogChangeMustStartAboveTheSnapshotAndAtMostJustAfterTheLog() {
        Compaction.checkFrom(0, 10, 13);
        Compaction.checkFrom(11, 10, 13);
        Compaction.checkFrom(14, 10, 13);
        assertThatThrownBy(() -> Compaction.checkFrom(10, 10, 13)).isInstanceOf(IllegalStateException.class)
                .hasMessage("asked to persist from index 10 but the log is compacted up to the snapshot's index 10");
        assertThatThrownBy(() -> Compaction.checkFrom(15, 10, 13)).isInstanceOf(IllegalStateException.class)
                .hasMessage("asked to persist from index 15 but the log ends at 13");
    }
}
