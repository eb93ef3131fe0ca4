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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLogStoreTest {

    @TempDir
    Path dir;

    @Test
    void whatWasSyncedIsThereAfterReopening() throws IOException {
        DurableState written;
        try (FileLogStore store = FileLogStore.open(dir)) {
            store.persist(Workload.ready(3, 2, 1, Entry.blank(1), Entry.member(2, Membership.of(1, 2)),
                    Entry.normal(3, "é ✓")));
            store.sync();
            written = store.load();
        }
        try (FileLogStore store = FileLogStore.open(dir)) {
            assertThat(store.load()).isEqualTo(written);
            assertThat(store.lastIndex()).isEqualTo(3);
        }
    }

    @Test
    void theDirectoryHoldsNumberedSegmentsAndOneHardStateFile() throws IOException {
        try (FileLogStore store = FileLogStore.open(new RealDisk(dir), 64)) {
            for (int i = 1; i <= 5; i++) {
                store.persist(Workload.ready(1, 1, i, Entry.normal(1, "entry " + i)));
            }
            store.sync();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("hardstate",
                    "segment-00000000000000000001.wal", "segment-00000000000000000002.wal",
                    "segment-00000000000000000003.wal", "segment-00000000000000000004.wal",
                    "segment-00000000000000000005.wal");
        }
        assertThat(FileLogStore.open(dir).load().log()).hasSize(5);
    }

    @Test
    void aTruncatedConflictingSuffixStaysTruncatedAfterReopening() throws IOException {
        try (FileLogStore store = FileLogStore.open(dir)) {
            store.persist(Workload.ready(1, 1, 1, Entry.blank(1), Entry.normal(1, "a"), Entry.normal(1, "b")));
            store.sync();
            store.persist(Workload.ready(2, 0, 2, Entry.blank(2)));
            store.sync();
        }
        assertThat(FileLogStore.open(dir).load()).isEqualTo(new DurableState(2, 0,
                List.of(Entry.blank(1), Entry.blank(2))));
    }

    @Test
    void oneSyncCoversTheWritesOfSeveralReadys() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        FileLogStore store = FileLogStore.open(disk, FileLogStore.DEFAULT_SEGMENT_BYTES);
        store.persist(Workload.ready(1, 1, 0));
        store.sync();
        int before = disk.history().size();
        for (int i = 1; i <= 3; i++) {
            store.persist(Workload.ready(0, 0, i, Entry.normal(1, "x")));
        }
        store.sync();

        assertThat(disk.history().subList(before, disk.history().size())).containsExactly(
                "write segment-00000000000000000001.wal @8 +31", "write segment-00000000000000000001.wal @39 +31",
                "write segment-00000000000000000001.wal @70 +31", "force segment-00000000000000000001.wal");
    }

    @Test
    void theHardStateIsDurableBeforeAnyEntryOfANewerTermIsWritten() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        FileLogStore store = FileLogStore.open(disk, FileLogStore.DEFAULT_SEGMENT_BYTES);
        int before = disk.history().size();

        store.persist(Workload.ready(4, 1, 1, Entry.blank(4)));

        assertThat(disk.history().subList(before, disk.history().size())).containsExactly("create hardstate.tmp",
                "truncate hardstate.tmp to 0", "write hardstate.tmp @0 +20", "force hardstate.tmp",
                "rename hardstate.tmp to hardstate", "sync directory", "write segment-00000000000000000001.wal @8 +26");
    }

    @Test
    void aVoteAloneWaitsForTheSync() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        FileLogStore store = FileLogStore.open(disk, FileLogStore.DEFAULT_SEGMENT_BYTES);
        int before = disk.history().size();

        store.persist(Workload.ready(1, 3, 0));
        assertThat(disk.history()).hasSize(before);
        store.sync();

        assertThat(FileLogStore.open(disk.lostUnsynced(), 100).load()).isEqualTo(new DurableState(1, 3, List.of()));
    }

    @Test
    void aStoreWhoseWriteFailedTakesNoMoreWrites() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        FileLogStore store = FileLogStore.open(disk, FileLogStore.DEFAULT_SEGMENT_BYTES);
        disk.crashAt(disk.operations(), -1);

        assertThatThrownBy(() -> store.persist(Workload.ready(0, 0, 1, Entry.blank(0))))
                .isInstanceOf(FaultyDisk.Crash.class);
        assertThatThrownBy(store::sync).isInstanceOf(IOException.class)
                .hasMessageStartingWith("the store failed earlier and takes no more writes: simulated crash at write");
    }

    @Test
    void persistingFromBeyondTheEndOfTheLogIsRefused() throws IOException {
        try (FileLogStore store = FileLogStore.open(dir)) {
            assertThatThrownBy(() -> store.persist(Workload.ready(0, 0, 2, Entry.blank(1))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("asked to persist from index 2 but the log ends at 0");
        }
    }

    @Test
    void aSegmentTornAtItsCreationIsDroppedOnOpen() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        FileLogStore store = FileLogStore.open(disk, 40);
        store.persist(Workload.ready(1, 1, 1, Entry.blank(1)));
        store.sync();
        disk.crashAt(disk.operations() + 1, 3); // segment 2 created, its header torn after 3 bytes
        assertThatThrownBy(() -> store.persist(Workload.ready(0, 0, 2, Entry.blank(1))))
                .isInstanceOf(FaultyDisk.Crash.class);

        FaultyDisk after = disk.keptWritten();
        assertThat(after.list()).contains("segment-00000000000000000002.wal");
        FileLogStore reopened = FileLogStore.open(after, 40);

        assertThat(reopened.load().log()).containsExactly(Entry.blank(1));
        assertThat(reopened.currentSegment()).isEqualTo(1);
        assertThat(after.list()).doesNotContain("segment-00000000000000000002.wal");
    }
}
