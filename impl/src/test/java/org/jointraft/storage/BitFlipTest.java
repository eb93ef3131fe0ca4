package org.jointraft.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jointraft.core.DurableState;
import org.jointraft.core.Entry;
import org.jointraft.core.Membership;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One flipped bit at every byte of every file of a synced store. The rule: a bad last record of the last segment
 * may be a torn write and is cut away; any other bad byte (a record with a valid one after it, a record of an
 * older segment, a segment header, the hard state file, the snapshot file) stops the open with an error naming the file and the
 * offset of the damaged record.
 */
class BitFlipTest {

    static final long SEGMENT_BYTES = 120;

    private FaultyDisk disk;
    private DurableState full;
    private long segments;

    @BeforeEach
    void aSyncedStoreOfSeveralSegments() throws IOException {
        disk = new FaultyDisk();
        FileLogStore store = FileLogStore.open(disk, SEGMENT_BYTES);
        store.persist(Workload.ready(2, 1, 1, Entry.blank(1), Entry.member(1, Membership.of(1, 2, 3))));
        store.persist(Workload.ready(0, 0, 3, Entry.normal(1, "x"), Entry.normal(2, "y"), Entry.normal(2, "z")));
        store.persist(Workload.ready(0, 0, 4, Entry.normal(2, "conflict replaced"), Entry.normal(2, "w")));
        store.persist(Workload.ready(0, 0, 6, Entry.member(2, Membership.joint(List.of(1, 2, 3), List.of(3, 4),
                List.of()))));
        store.persist(Workload.ready(0, 0, 7, Entry.normal(2, "last")));
        store.sync();
        full = store.load();
        segments = store.currentSegment();
        assertThat(segments).isGreaterThanOrEqualTo(3);
        List<RecordFrame.Found> last = records(Segments.name(segments));
        assertThat(last).as("records in the last segment").hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aFlippedBitInTheLastRecordIsCutAwayAndAnywhereElseNamesFileAndOffset() throws IOException {
        int cut = 0;
        int refused = 0;
        for (long n = 1; n <= segments; n++) {
            String name = Segments.name(n);
            byte[] original = disk.bytes(name);
            List<RecordFrame.Found> records = records(name);
            for (int at = 0; at < original.length; at++) {
                FaultyDisk damaged = disk.keptWritten();
                byte[] bytes = original.clone();
                bytes[at] ^= (byte) (1 << (at % 8));
                damaged.put(name, bytes);
                long recordStart = at < Segments.HEADER ? 0 : recordAt(records, at).offset();
                boolean lastRecord = n == segments && at >= Segments.HEADER
                        && recordStart == records.get(records.size() - 1).offset();
                String what = name + " bit " + (at % 8) + " of byte " + at;
                if (lastRecord) {
                    List<Entry> withoutLast = full.log().subList(0, full.log().size() - 1);
                    assertThat(FileLogStore.open(damaged, SEGMENT_BYTES).load().log()).as(what).isEqualTo(withoutLast);
                    assertThat(damaged.bytes(name)).as("cut at the record's start").hasSize((int) recordStart);
                    cut++;
                } else {
                    assertThatThrownBy(() -> FileLogStore.open(damaged, SEGMENT_BYTES)).as(what)
                            .isInstanceOfSatisfying(CorruptLogException.class, e -> {
                                assertThat(e.file()).isEqualTo(name);
                                assertThat(e.offset()).isEqualTo(recordStart);
                                assertThat(e.getMessage()).startsWith(name + ", byte offset " + recordStart + ": ");
                            });
                    refused++;
                }
            }
        }
        assertThat(cut).isGreaterThan(10);
        assertThat(refused).isGreaterThan(100);
    }

    @Test
    void aFlippedBitInTheHardStateFileStopsTheOpen() throws IOException {
        byte[] original = disk.bytes(HardState.FILE);
        for (int at = 0; at < original.length; at++) {
            FaultyDisk damaged = disk.keptWritten();
            byte[] bytes = original.clone();
            bytes[at] ^= (byte) (1 << (at % 8));
            damaged.put(HardState.FILE, bytes);
            assertThatThrownBy(() -> FileLogStore.open(damaged, SEGMENT_BYTES)).as("byte " + at)
                    .isInstanceOf(CorruptLogException.class).hasMessageStartingWith("hardstate, byte offset 0: ");
        }
    }

    @Test
    void aFlippedBitInTheSnapshotFileStopsTheOpenNamingTheFile() throws IOException {
        FileLogStore store = FileLogStore.open(disk, SEGMENT_BYTES);
        store.persist(Workload.snapshotReady(Workload.snapshot(4, 2, 2, Membership.joint(List.of(1, 2, 3),
                List.of(3, 4), List.of(5))), 0, 0, 0));
        store.sync();
        byte[] original = disk.bytes(SnapshotFile.FILE);
        assertThat(FileLogStore.open(disk.keptWritten(), SEGMENT_BYTES).load().snapshot().index()).isEqualTo(4);
        for (int at = 0; at < original.length; at++) {
            FaultyDisk damaged = disk.keptWritten();
            byte[] bytes = original.clone();
            bytes[at] ^= (byte) (1 << (at % 8));
            damaged.put(SnapshotFile.FILE, bytes);
            assertThatThrownBy(() -> FileLogStore.open(damaged, SEGMENT_BYTES)).as("byte " + at)
                    .isInstanceOfSatisfying(CorruptLogException.class, e -> {
                        assertThat(e.file()).isEqualTo(SnapshotFile.FILE);
                        assertThat(e.offset()).isZero();
                    });
        }
    }

    private List<RecordFrame.Found> records(String name) {
        RecordFrame.Scan scan = RecordFrame.scan(disk.bytes(name), Segments.HEADER);
        assertThat(scan.problem()).isNull();
        return scan.records();
    }

    private static RecordFrame.Found recordAt(List<RecordFrame.Found> records, int at) {
        List<RecordFrame.Found> before = new ArrayList<>();
        for (RecordFrame.Found r : records) {
            if (r.offset() <= at) {
                before.add(r);
            }
        }
        return before.get(before.size() - 1);
    }
}
