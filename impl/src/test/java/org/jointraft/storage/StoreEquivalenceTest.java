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
import org.jointraft.core.Ready;

/**
 * Random runs of persists (hard state changes, appends, truncations of a suffix), syncs and crashes, on a
 * {@link FileLogStore} over a {@link FaultyDisk} and on a {@link MemoryLogStore} side by side: both must always
 * load the same state. After a crash that loses what the disk did not make durable, the file store must be where
 * the memory store is after a crash keeping some prefix of its unsynced writes (the file store may make writes
 * durable before a sync, when it rolls a segment or enters a newer term).
 */
class StoreEquivalenceTest {

    @Provide
    Arbitrary<List<Integer>> runs() {
        return Arbitraries.integers().between(0, 4999).list().ofMaxSize(60);
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
            int x = action / 5 % 16;
            int y = action / 80;
            switch (action % 5) {
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
                    long from = action % 5 == 2 ? size + 1 : 1 + x % (size + 1);
                    List<Entry> entries = new ArrayList<>();
                    for (int i = 0; i < y % 4; i++) {
                        entries.add(i % 2 == 0 ? Entry.normal(term, "e" + y) : Entry.blank(term));
                    }
                    both(file, memory, history, Workload.ready(0, 0, from, entries.toArray(Entry[]::new)));
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
