package org.jointraft.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jointraft.core.DurableState;
import org.jointraft.core.Entry;
import org.jointraft.core.Membership;
import org.jointraft.core.Ready;
import org.jointraft.core.Snapshot;

/**
 * Random runs of persists (hard state changes, appends, truncations of a suffix, snapshots taken or installed,
 * matching the log or not), syncs and crashes, on a
 * {@link FileLogStore} over a {@link FaultyDisk} and on a {@link MemoryLogStore} side by side: both must always
 * load the same state. After a crash that loses what the disk did not make durable, the file store must be where
 * the memory store is after a crash keeping some prefix of its unsynced writes (the file store may make writes
 * durable before a sync, when it rolls a segment or enters a newer term).
 */
class StoreEquivalenceTest {

    @Provide
    Arbitrary<List<Integer>> runs() {
        return Arbitraries.integers().between(0, 5999).list().ofMaxSize(60);
    }

    @Property(tries = 300)
    void theFileAndMemoryStoresRecoverTheSameStateFromEveryCrash(@ForAll("runs") List<Integer> run)
            throws IOException {
        FaultyDisk disk = new FaultyDisk();
        FileLogStore file = FileLogStore.open(disk, 90);
        MemoryLogStore memory = new MemoryLogStore();
        List<Object> history = new ArrayList<>();
        long term = 0;
        for (int action : run) {
            int x = action / 6 % 16;
            int y = action / 96;
            switch (action % 6) {
                case 0 -> {
                    file.sync();
                    memory.sync();
                    history.add(SYNC);
                }
                case 1 -> {
                    term += x % 2;
                    both(file, memory, history, Workload.ready(term, y % 4, 0));
                }
                case 2, 3 -> {
                    long size = memory.lastIndex();
                    long base = snapshotIndex(memory);
                    long from = action % 6 == 2 ? size + 1 : base + 1 + x % (size - base + 1);
                    List<Entry> entries = new ArrayList<>();
                    for (int i = 0; i < y % 4; i++) {
                        entries.add(i % 2 == 0 ? Entry.normal(term, "e" + y) : Entry.blank(term));
                    }
                    both(file, memory, history, Workload.ready(0, 0, from, entries.toArray(Entry[]::new)));
                }
                case 5 -> {
                    Ready snapshot = snapshotStep(memory.load(), memory.lastIndex(), term, x, y);
                    if (snapshot != null) {
                        both(file, memory, history, snapshot);
                    }
                }
                default -> {
                    disk = disk.lostUnsynced();
                    file = FileLogStore.open(disk, 90);
                    memory = crashedLike(file.load(), history, memory.unsyncedWrites());
                }
            }
            assertThat(file.load()).isEqualTo(memory.load());
        }
        memory.crash(memory.unsyncedWrites(), false);
        assertThat(FileLogStore.open(disk.keptWritten(), 90).load()).as("every write kept").isEqualTo(memory.load());
    }

    private static final String SYNC = "sync";

    private static long snapshotIndex(MemoryLogStore memory) {
        Snapshot s = memory.load().snapshot();
        return s == null ? 0 : s.index();
    }

    /**
     * A take-snapshot (x even: at an index of the log, its term, persistLogFrom 0) or an install (at an index up to
     * two beyond the log's end, in the current term; when the log holds that index with another term, or does not
     * reach it, the log is discarded: persistLogFrom is the index + 1, as the core does). Null when there is nothing
     * to take.
     */
    private static Ready snapshotStep(DurableState state, long last, long term, int x, int y) {
        long base = state.snapshot() == null ? 0 : state.snapshot().index();
        Membership membership = Membership.of(1, 2, 3);
        if (x % 2 == 0) {
            if (last == base) {
                return null;
            }
            long index = base + 1 + y % (last - base);
            long entryTerm = state.log().get((int) (index - base - 1)).term();
            return Workload.snapshotReady(new Snapshot(index, entryTerm, 0, membership, new byte[] {(byte) y}), 0, 0,
                    0);
        }
        long index = base + 1 + y % (last - base + 2);
        boolean matches = index <= last && state.log().get((int) (index - base - 1)).term() == term;
        return Workload.snapshotReady(new Snapshot(index, term, 0, membership, new byte[] {(byte) x}), 0, 0,
                matches ? 0 : index + 1);
    }

    private static void both(FileLogStore file, MemoryLogStore memory, List<Object> history, Ready ready)
            throws IOException {
        file.persist(ready);
        memory.persist(ready);
        history.add(ready);
    }

    /** A memory store that ran {@code history} and crashed keeping as many unsynced writes as make it {@code state}. */
    private static MemoryLogStore crashedLike(DurableState state, List<Object> history, int unsynced) {
        for (int kept = 0; kept <= unsynced; kept++) {
            MemoryLogStore replayed = new MemoryLogStore();
            for (Object step : history) {
                if (step instanceof Ready r) {
                    replayed.persist(r);
                } else if (step instanceof Integer k) {
                    replayed.crash(k, false);
                    replayed.load();
                } else {
                    replayed.sync();
                }
            }
            replayed.crash(kept, false);
            if (replayed.load().equals(state)) {
                history.add(kept);
                return replayed;
            }
        }
        throw new AssertionError("no crash of the memory store keeps what the file store kept: " + state);
    }
}
