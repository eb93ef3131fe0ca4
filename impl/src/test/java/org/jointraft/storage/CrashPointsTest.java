package org.jointraft.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jointraft.core.DurableState;
import org.jointraft.core.Entry;
import org.junit.jupiter.api.Test;

/**
 * The scripted {@link Workload} crashed at every changing disk operation, with every crash image: nothing kept
 * beyond what was made durable, everything written kept, and every prefix of an interrupted write kept. After each,
 * the reopened store must hold a state between the last acknowledged sync and the attempted one, and take writes;
 * a crash of that recovery itself changes nothing.
 */
class CrashPointsTest {

    /** Small enough that the workload rolls segments several times. */
    static final long SEGMENT_BYTES = 100;

    /** The operations of a full run of the script. */
    private static final class FaultyDiskRun {
        List<String> history() throws IOException {
            FaultyDisk disk = new FaultyDisk();
            new Workload().run(FileLogStore.open(disk, SEGMENT_BYTES), Workload.scripted());
            return disk.history();
        }
    }

    private static int operationsOfAFullRun() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        Workload w = new Workload().run(FileLogStore.open(disk, SEGMENT_BYTES), Workload.scripted());
        assertThat(FileLogStore.open(disk.keptWritten(), SEGMENT_BYTES).load()).isEqualTo(w.attempted());
        return disk.operations();
    }

    @Test
    void theScriptedWorkloadRollsSegmentsAndReopensAsWritten() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        FileLogStore store = FileLogStore.open(disk, SEGMENT_BYTES);
        Workload w = new Workload().run(store, Workload.scripted());

        assertThat(store.currentSegment()).isGreaterThanOrEqualTo(4);
        assertThat(store.firstSegment()).as("segments compacted away").isGreaterThan(1);
        assertThat(disk.list()).doesNotContain(Segments.name(1)).contains(SnapshotFile.FILE);
        assertThat(store.load()).isEqualTo(w.attempted());
        assertThat(FileLogStore.open(disk.keptWritten(), SEGMENT_BYTES).load()).isEqualTo(w.attempted());
    }

    @Test
    void aCrashAtAnyWriteOrSyncPointKeepsEverySyncedEntryAndInventsNothing() throws IOException {
        int operations = operationsOfAFullRun();
        assertThat(new FaultyDiskRun().history()).as("the crash points include the snapshot's write and rename")
                .contains("write snapshot.tmp @0 +" + SnapshotFile.encode(Workload.snapshot(4, 1, 2,
                        org.jointraft.core.Membership.of(1, 2, 3))).length, "rename snapshot.tmp to snapshot")
                .anyMatch(op -> op.startsWith("delete segment-"));
        for (int k = 0; k < operations; k++) {
            for (boolean keptWritten : new boolean[] {false, true}) {
                crashAndCheck(k, -1, keptWritten ? FaultyDisk::keptWritten : FaultyDisk::lostUnsynced,
                        "crash at operation " + k + (keptWritten ? ", written data kept" : ", unsynced data lost"));
            }
        }
    }

    @Test
    void aTornWriteAtEveryByteOfEveryWriteIsCutAwayOnOpen() throws IOException {
        FaultyDisk full = new FaultyDisk();
        new Workload().run(FileLogStore.open(full, SEGMENT_BYTES), Workload.scripted());
        List<String> history = full.history();
        int torn = 0;
        for (int k = 0; k < history.size(); k++) {
            if (history.get(k).startsWith("write ")) {
                int length = Integer.parseInt(history.get(k).substring(history.get(k).lastIndexOf('+') + 1));
                for (int p = 0; p < length; p++) {
                    crashAndCheck(k, p, FaultyDisk::keptWritten, history.get(k) + " torn after " + p + " bytes");
                    torn++;
                }
            }
        }
        assertThat(torn).as("torn writes tried").isGreaterThan(500);
    }

    @Test
    void anUnsyncedTailCutAtAnyByteReopensToAStateBetweenTheSyncAndTheAttempt() throws IOException {
        FaultyDisk disk = new FaultyDisk();
        FileLogStore store = FileLogStore.open(disk, SEGMENT_BYTES);
        Workload w = new Workload().run(store, Workload.scripted());
        String last = Segments.name(store.currentSegment());
        int durable = disk.durableLength(last);
        int written = disk.bytes(last).length;
        assertThat(written).as("unsynced bytes in the last segment").isGreaterThan(durable);
        for (int length = durable; length <= written; length++) {
            FaultyDisk after = disk.lostUnsyncedBut(last, length);
            w.assertAllows(FileLogStore.open(after, SEGMENT_BYTES).load(), "a tail cut at byte " + length);
        }
    }

    /** The recovery of {@code after} (cutting a torn tail, removing a temporary file) crashed at each of its writes. */
    private static void crashTheRecovery(FaultyDisk after, DurableState recovered, String what) throws IOException {
        for (int j = 0;; j++) {
            FaultyDisk again = after.keptWritten();
            again.crashAt(j, -1);
            try {
                FileLogStore.open(again, SEGMENT_BYTES);
                return;
            } catch (FaultyDisk.Crash expected) {
                for (FaultyDisk image : List.of(again.lostUnsynced(), again.keptWritten())) {
                    assertThat(FileLogStore.open(image, SEGMENT_BYTES).load()).as("%s, recovery crashed at %d", what, j)
                            .isEqualTo(recovered);
                }
            }
        }
    }

    /** Runs the workload crashing at operation {@code k}, reopens the crash image, checks it, then writes on. */
    private static void crashAndCheck(int k, int tornBytes, UnaryOperator<FaultyDisk> image, String what)
            throws IOException {
        FaultyDisk disk = new FaultyDisk();
        disk.crashAt(k, tornBytes);
        Workload w = new Workload();
        try {
            w.run(FileLogStore.open(disk, SEGMENT_BYTES), Workload.scripted());
        } catch (FaultyDisk.Crash crashWhileOpening) {
            // the model is still at the empty state
        }
        assertThat(disk.crashed()).as(what).isTrue();
        FaultyDisk after = image.apply(disk);
        DurableState recovered = FileLogStore.open(after.keptWritten(), SEGMENT_BYTES).load();
        w.assertAllows(recovered, what);
        crashTheRecovery(after, recovered, what);

        FileLogStore reopened = FileLogStore.open(after, SEGMENT_BYTES);
        Entry next = Entry.normal(recovered.term(), "after " + what);
        reopened.persist(Workload.ready(0, 0, reopened.lastIndex() + 1, next));
        reopened.sync();
        List<Entry> expected = new java.util.ArrayList<>(recovered.log());
        expected.add(next);
        DurableState again = FileLogStore.open(after.lostUnsynced(), SEGMENT_BYTES).load();
        assertThat(again.log()).as("writes after " + what).isEqualTo(expected);
        assertThat(again.snapshot()).as("snapshot after " + what).isEqualTo(recovered.snapshot());
    }
}
