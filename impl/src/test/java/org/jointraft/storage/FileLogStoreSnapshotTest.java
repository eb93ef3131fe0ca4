package org.jointraft.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jointraft.core.DurableState;
import org.jointraft.core.Entry;
import org.jointraft.core.Membership;
import org.jointraft.core.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots in a {@link FileLogStore}: the snapshot file, its write order, compaction and the reload rule. */
class FileLogStoreSnapshotTest {

    private static final Snapshot AT_2 = Workload.snapshot(2, 1, 0, Membership.of(1, 2, 3));

    @TempDir
    Path dir;

    private static List<Entry> threeEntries() {
        return List.of(Entry.blank(1), Entry.normal(1, "a"), Entry.normal(1, "b"));
    }

    private static FileLogStore withThreeEntries(FaultyDisk disk, long segmentBytes) throws IOException {
        FileLogStore store = FileLogStore.open(disk, segmentBytes);
        store.persist(Workload.ready(1, 1, 1, threeEntries().toArray(Entry[]::new)));
        store.sync();
        return store;
    }

    @Test
    void aSnapshotAndTheEntriesAfterItAreThereAfterReopening() throws IOException {
        DurableState written;
        try (FileLogStore store = FileLogStore.open(dir)) {
            store.persist(Workload.ready(1, 1, 1, threeEntries().toArray(Entry[]::new)));
            store.persist(Workload.snapshotReady(Workload.snapshot(2, 1, 2, Membership.joint(List.of(1, 2),
                    List.of(2, 3), List.of(4))), 0, 0, 0));
            store.persist(Workload.ready(0, 0, 4, Entry.normal(1, "c")));
            store.sync();
            written = store.load();
        }
        assertThat(written.log()).containsExactly(Entry.normal(1, "b"), Entry.normal(1, "c"));
        try (FileLogStore store = FileLogStore.open(dir)) {
            assertThat(store.load()).isEqualTo(written);
            assertThat(store.lastIndex()).as("absolute").isEqualTo(4);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("snapshot").doesNotContain("snapshot.tmp");
        }
    }

    @Test
    void aTakeSnapshotIsDurableAfterTheRecordsBeforeItAndBeforeItsOwnRecords() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        FileLogStore store = withThreeEntries(disk, FileLogStore.DEFAULT_SEGMENT_BYTES);
        store.persist(Workload.ready(0, 0, 4, Entry.normal(1, "c")));
        int before = disk.history().size();

        store.persist(Workload.snapshotReady(AT_2, 0, 0, 5, Entry.normal(1, "d")));

        int size = SnapshotFile.encode(AT_2).length;
        assertThat(disk.history().subList(before, disk.history().size())).containsExactly(
                "force segment-00000000000000000001.wal", "create snapshot.tmp", "truncate snapshot.tmp to 0",
                "write snapshot.tmp @0 +" + size, "force snapshot.tmp", "rename snapshot.tmp to snapshot",
                "sync directory", "write segment-00000000000000000001.wal @127 +57");
        assertThat(FileLogStore.open(disk.lostUnsynced(), 100).load()).as("the snapshot durable, its record not")
                .isEqualTo(new DurableState(1, 1, AT_2, List.of(Entry.normal(1, "b"), Entry.normal(1, "c"))));
    }

    @Test
    void anInstallThatDiscardsTheLogReopensAsTheSnapshotAlone() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        FileLogStore store = withThreeEntries(disk, FileLogStore.DEFAULT_SEGMENT_BYTES);
        Snapshot beyond = Workload.snapshot(7, 2, 0, Membership.of(1, 2, 3));

        store.persist(Workload.snapshotReady(beyond, 2, 0, 8));
        assertThat(store.lastIndex()).isEqualTo(7);
        store.sync();

        assertThat(FileLogStore.open(disk.lostUnsynced(), 100).load()).isEqualTo(new DurableState(2, 0, beyond,
                List.of()));
    }

    @Test
    void aConflictingSuffixIsDroppedWhenTheSnapshotIsDurableButNotTheTruncation() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        FileLogStore store = withThreeEntries(disk, FileLogStore.DEFAULT_SEGMENT_BYTES);
        store.persist(Workload.ready(2, 0, 0));
        store.sync();
        Snapshot conflicting = Workload.snapshot(2, 2, 0, Membership.of(1, 2, 3));
        disk.crashAt(disk.operations() + 6, -1); // after the rename's directory sync: the compact record is lost

        assertThatThrownBy(() -> store.persist(Workload.snapshotReady(conflicting, 0, 0, 3, Entry.normal(2, "x"))))
                .isInstanceOf(FaultyDisk.Crash.class).hasMessageContaining("write segment");

        assertThat(FileLogStore.open(disk.lostUnsynced(), 100).load()).as("entry 3 of term 1 does not come back")
                .isEqualTo(new DurableState(2, 0, conflicting, List.of()));
    }

    @Test
    void aMatchingSuffixIsKeptWhenTheSnapshotIsDurableButNotTheTruncation() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        FileLogStore store = withThreeEntries(disk, FileLogStore.DEFAULT_SEGMENT_BYTES);
        disk.crashAt(disk.operations() + 6, -1);

        assertThatThrownBy(() -> store.persist(Workload.snapshotReady(AT_2, 0, 0, 3, Entry.normal(1, "b2"))))
                .isInstanceOf(FaultyDisk.Crash.class);

        assertThat(FileLogStore.open(disk.lostUnsynced(), 100).load())
                .isEqualTo(new DurableState(1, 1, AT_2, List.of(Entry.normal(1, "b"))));
    }

    @Test
    void entriesWrittenAfterAConflictingInstallSurviveReopening() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        FileLogStore store = withThreeEntries(disk, FileLogStore.DEFAULT_SEGMENT_BYTES);
        Snapshot conflicting = Workload.snapshot(2, 2, 0, Membership.of(1, 2, 3));
        store.persist(Workload.snapshotReady(conflicting, 2, 0, 3));
        store.persist(Workload.ready(0, 0, 3, Entry.normal(2, "x"), Entry.normal(2, "y")));
        store.sync();

        // the log still holds the old entry 2 (term 1): the compact record, not that entry, decides
        assertThat(FileLogStore.open(disk.lostUnsynced(), 100).load()).isEqualTo(new DurableState(2, 0, conflicting,
                List.of(Entry.normal(2, "x"), Entry.normal(2, "y"))));
    }

    @Test
    void aSyncDeletesTheSegmentsWhoseEntriesAllLieAtOrBelowTheSnapshot() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        FileLogStore store = FileLogStore.open(disk, 64);
        for (int i = 1; i <= 6; i++) {
            store.persist(Workload.ready(1, 1, i, Entry.normal(1, "entry " + i)));
        }
        store.sync();
        assertThat(store.currentSegment()).isEqualTo(6);
        Snapshot at4 = Workload.snapshot(4, 1, 0, Membership.of(1, 2, 3));

        store.persist(Workload.snapshotReady(at4, 0, 0, 0));
        assertThat(disk.list()).as("not before the sync").contains(Segments.name(1));
        store.sync();

        assertThat(store.firstSegment()).isEqualTo(5);
        assertThat(disk.list().stream().filter(n -> Segments.number(n) > 0).sorted()).as("one entry a segment, the"
                + " compact record in a segment of its own").containsExactly(Segments.name(5), Segments.name(6),
                        Segments.name(7));
        FileLogStore reopened = FileLogStore.open(disk.lostUnsynced(), 64);
        assertThat(reopened.load()).isEqualTo(new DurableState(1, 1, at4, List.of(Entry.normal(1, "entry 5"),
                Entry.normal(1, "entry 6"))));
        assertThat(reopened.firstSegment()).isEqualTo(5);
        assertThat(reopened.lastIndex()).isEqualTo(6);
    }

    @Test
    void theSegmentBeingWrittenIsNeverDeleted() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        FileLogStore store = withThreeEntries(disk, FileLogStore.DEFAULT_SEGMENT_BYTES);
        Snapshot beyond = Workload.snapshot(9, 1, 0, Membership.of(1, 2, 3));

        store.persist(Workload.snapshotReady(beyond, 0, 0, 10));
        store.sync();

        assertThat(disk.list()).contains(Segments.name(1));
        assertThat(FileLogStore.open(disk.lostUnsynced(), 100).load()).isEqualTo(new DurableState(1, 1, beyond,
                List.of()));
    }

    @Test
    void aLeftoverSnapshotTmpIsIgnoredAndDeletedOnOpen() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        withThreeEntries(disk, 100).persist(Workload.snapshotReady(AT_2, 0, 0, 0));
        FaultyDisk after = disk.lostUnsynced();
        after.put(SnapshotFile.TEMPORARY, new byte[] {1, 2, 3});

        FileLogStore reopened = FileLogStore.open(after, 100);

        assertThat(reopened.load()).isEqualTo(new DurableState(1, 1, AT_2, List.of(Entry.normal(1, "b"))));
        assertThat(after.list()).doesNotContain(SnapshotFile.TEMPORARY);
    }

    @Test
    void aSnapshotTornBeforeItsRenameIsLostWhole() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        FileLogStore store = withThreeEntries(disk, 100);
        disk.crashAt(disk.operations() + 2, 10); // the write of snapshot.tmp, 10 bytes of it done

        assertThatThrownBy(() -> store.persist(Workload.snapshotReady(AT_2, 0, 0, 0)))
                .isInstanceOf(FaultyDisk.Crash.class).hasMessageContaining("write snapshot.tmp");

        FaultyDisk after = disk.keptWritten();
        assertThat(after.list()).contains(SnapshotFile.TEMPORARY);
        assertThat(FileLogStore.open(after, 100).load()).isEqualTo(new DurableState(1, 1, threeEntries()));
    }

    @Test
    void aCompactRecordWhoseSnapshotFileIsGoneStopsTheOpen() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        FileLogStore store = withThreeEntries(disk, 100);
        store.persist(Workload.snapshotReady(AT_2, 0, 0, 0));
        store.sync();
        FaultyDisk damaged = disk.keptWritten();
        damaged.delete(SnapshotFile.FILE);

        assertThatThrownBy(() -> FileLogStore.open(damaged, 100)).isInstanceOf(CorruptLogException.class)
                .hasMessage(Segments.name(2) + ", byte offset 8: compaction up to index 2 (term 1) but there is no"
                        + " snapshot file");
    }

    @Test
    void aMissingSegmentAfterCompactionStillStopsTheOpen() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        FileLogStore store = FileLogStore.open(disk, 64);
        for (int i = 1; i <= 6; i++) {
            store.persist(Workload.ready(1, 1, i, Entry.normal(1, "entry " + i)));
        }
        store.persist(Workload.snapshotReady(Workload.snapshot(2, 1, 0, Membership.of(1)), 0, 0, 0));
        store.sync();
        assertThat(store.firstSegment()).isEqualTo(3);
        FaultyDisk damaged = disk.keptWritten();
        damaged.delete(Segments.name(4));

        assertThatThrownBy(() -> FileLogStore.open(damaged, 64)).isInstanceOf(CorruptLogException.class)
                .hasMessage(Segments.name(4) + ", byte offset 0: segment missing (segments go up to "
                        + Segments.name(store.currentSegment()) + ")");
        FaultyDisk firstGone = disk.keptWritten();
        firstGone.delete(Segments.name(3));
        assertThatThrownBy(() -> FileLogStore.open(firstGone, 64)).isInstanceOf(CorruptLogException.class)
                .hasMessage(Segments.name(4) + ", byte offset 0: the log resumes at index 4 but the snapshot file"
                        + " ends at index 2 (a segment is missing)");
    }

    @Test
    void aSnapshotRenamedInWithoutItsRecordIsRecordedByTheOpenSoThatCompactionCanProceed() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        FileLogStore store = FileLogStore.open(disk, 64);
        for (int i = 1; i <= 4; i++) {
            store.persist(Workload.ready(1, 1, i, Entry.normal(1, "entry " + i)));
        }
        store.sync();
        Snapshot conflicting = Workload.snapshot(3, 2, 0, Membership.of(1));
        disk.crashAt(disk.operations() + 12, -1); // the hard state file and the snapshot file replaced, then this
        assertThatThrownBy(() -> store.persist(Workload.snapshotReady(conflicting, 2, 0, 4)))
                .isInstanceOf(FaultyDisk.Crash.class);
        FaultyDisk after = disk.lostUnsynced();

        FileLogStore reopened = FileLogStore.open(after, 64);
        reopened.persist(Workload.ready(0, 0, 4, Entry.normal(2, "new 4")));
        reopened.sync();

        assertThat(reopened.firstSegment()).as("segments 1 to 3 hold entries up to 3").isEqualTo(4);
        assertThat(FileLogStore.open(after.lostUnsynced(), 64).load()).isEqualTo(new DurableState(2, 0, conflicting,
                List.of(Entry.normal(2, "new 4"))));
    }
}
