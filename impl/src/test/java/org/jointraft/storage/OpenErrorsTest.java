package org.jointraft.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jointraft.core.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a refused open says: the file (its path on a real disk), the byte offset, and what is wrong there. */
class OpenErrorsTest {

    private static final String FIRST = "segment-00000000000000000001.wal";
    private static final String SECOND = "segment-00000000000000000002.wal";
    private static final String THIRD = "segment-00000000000000000003.wal";

    @TempDir
    Path dir;

    /** Three segments of one-entry records (26 bytes framed: 8 header, 1 type, 8 index, 1 kind, 8 term). */
    private static FaultyDisk threeSegments() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        FileLogStore store = FileLogStore.open(disk, 8 + 2 * 26);
        for (int i = 1; i <= 6; i++) {
            store.persist(Workload.ready(0, 0, i, Entry.blank(0)));
        }
        store.sync();
        assertThat(store.currentSegment()).isEqualTo(3);
        return disk;
    }

    private static FaultyDisk flipped(FaultyDisk disk, String name, int at) {
        FaultyDisk damaged = disk.keptWritten();
        byte[] bytes = disk.bytes(name);
        bytes[at] ^= 1;
        damaged.put(name, bytes);
        return damaged;
    }

    @Test
    void aBadRecordInAnOlderSegmentIsNamedWithItsOffset() throws IOException {
        FaultyDisk damaged = flipped(threeSegments(), SECOND, 8 + 26 + 20);

        assertThatThrownBy(() -> FileLogStore.open(damaged, 60)).isInstanceOf(CorruptLogException.class)
                .hasMessage(SECOND + ", byte offset 34: record CRC32C mismatch in a segment that is not the last");
    }

    @Test
    void aBadRecordWithAValidOneAfterItInTheLastSegmentIsNamedWithBothOffsets() throws IOException {
        FaultyDisk damaged = flipped(threeSegments(), THIRD, 8 + 20);

        assertThatThrownBy(() -> FileLogStore.open(damaged, 60)).isInstanceOf(CorruptLogException.class)
                .hasMessage(THIRD + ", byte offset 8: record CRC32C mismatch, and a valid record follows at offset 34");
    }

    @Test
    void aLengthBeyondTheEndOfAnOlderSegmentIsNamed() throws IOException {
        FaultyDisk damaged = flipped(threeSegments(), FIRST, 8 + 26 + 2);

        assertThatThrownBy(() -> FileLogStore.open(damaged, 60)).isInstanceOf(CorruptLogException.class)
                .hasMessage(FIRST + ", byte offset 34: record payload cut short (18 of 274 bytes) in a segment that"
                        + " is not the last");
    }

    @Test
    void aDamagedSegmentHeaderIsNamed() throws IOException {
        FaultyDisk damaged = flipped(threeSegments(), THIRD, 1);

        assertThatThrownBy(() -> FileLogStore.open(damaged, 60)).isInstanceOf(CorruptLogException.class)
                .hasMessage(THIRD + ", byte offset 0: not a segment file (bad magic)");
    }

    @Test
    void aMissingSegmentIsNamed() throws IOException {
        FaultyDisk disk = threeSegments();
        FaultyDisk damaged = disk.keptWritten();
        damaged.delete(SECOND);

        assertThatThrownBy(() -> FileLogStore.open(damaged, 60)).isInstanceOf(CorruptLogException.class)
                .hasMessage(SECOND + ", byte offset 0: segment missing (segments go up to " + THIRD + ")");
    }

    @Test
    void onARealDiskTheErrorNamesTheFilesPath() throws IOException {
        try (FileLogStore store = FileLogStore.open(dir)) {
            store.persist(Workload.ready(1, 1, 1, Entry.normal(1, "a"), Entry.normal(1, "b")));
            store.sync();
        }
        Path first = dir.resolve(FIRST);
        byte[] bytes = Files.readAllBytes(first);
        bytes[8 + 20] ^= 1;
        Files.write(first, bytes);

        assertThatThrownBy(() -> FileLogStore.open(dir)).isInstanceOf(CorruptLogException.class)
                .hasMessage(first + ", byte offset 8: record CRC32C mismatch, and a valid record follows at offset 39");
    }

    @Test
    void aDamagedHardStateFileIsNamed() throws IOException {
        try (FileLogStore store = FileLogStore.open(dir)) {
            store.persist(Workload.ready(1, 1, 0));
            store.sync();
        }
        Files.write(dir.resolve(HardState.FILE), new byte[] {1, 2, 3});

        assertThatThrownBy(() -> FileLogStore.open(dir)).isInstanceOf(CorruptLogException.class)
                .hasMessage(dir.resolve(HardState.FILE) + ", byte offset 3: the hard state file has 3 bytes, not 20");
    }

    @Test
    void aTornLastRecordOnARealDiskIsCutAwayOnOpen() throws IOException {
        try (FileLogStore store = FileLogStore.open(dir)) {
            store.persist(Workload.ready(1, 1, 1, Entry.normal(1, "a"), Entry.normal(1, "b")));
            store.sync();
        }
        Path first = dir.resolve(FIRST);
        long whole = Files.size(first);
        Files.write(first, java.util.Arrays.copyOf(Files.readAllBytes(first), (int) whole - 3));

        try (FileLogStore store = FileLogStore.open(dir)) {
            assertThat(store.load().log()).containsExactly(Entry.normal(1, "a"));
        }
        assertThat(Files.size(first)).isEqualTo(8 + 31);
    }

    @Test
    void aDamagedSnapshotFileIsNamedWithItsPath() throws IOException {
        try (FileLogStore store = FileLogStore.open(dir)) {
            store.persist(Workload.ready(1, 1, 1, Entry.normal(1, "a"), Entry.normal(1, "b")));
            store.persist(Workload.snapshotReady(Workload.snapshot(1, 1, 0, org.jointraft.core.Membership.of(1)), 0,
                    0, 0));
            store.sync();
        }
        Path snapshot = dir.resolve(SnapshotFile.FILE);
        byte[] bytes = Files.readAllBytes(snapshot);

        bytes[20] ^= 1;
        Files.write(snapshot, bytes);
        assertThatThrownBy(() -> FileLogStore.open(dir)).isInstanceOf(CorruptLogException.class)
                .hasMessage(snapshot + ", byte offset 0: record CRC32C mismatch in the snapshot file");

        Files.write(snapshot, java.util.Arrays.copyOf(bytes, 12));
        assertThatThrownBy(() -> FileLogStore.open(dir)).isInstanceOf(CorruptLogException.class)
                .hasMessage(snapshot + ", byte offset 0: record payload cut short (4 of " + (bytes.length - 8)
                        + " bytes) in the snapshot file");

        bytes[20] ^= 1;
        Files.write(snapshot, java.util.Arrays.copyOf(bytes, bytes.length + 2));
        assertThatThrownBy(() -> FileLogStore.open(dir)).isInstanceOf(CorruptLogException.class)
                .hasMessage(snapshot + ", byte offset " + bytes.length + ": 2 bytes after the snapshot record");

        Files.write(snapshot, bytes);
        try (FileLogStore store = FileLogStore.open(dir)) {
            assertThat(store.load().log()).containsExactly(Entry.normal(1, "b"));
        }
    }
}
