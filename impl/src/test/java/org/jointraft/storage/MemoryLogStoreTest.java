package org.jointraft.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jointraft.core.DurableState;
import org.jointraft.core.Entry;
import org.jointraft.core.Membership;
import org.junit.jupiter.api.Test;

class MemoryLogStoreTest {

    private final MemoryLogStore store = new MemoryLogStore();

    @Test
    void whatWasSyncedSurvivesACrashAndWhatWasNotIsLost() {
        store.persist(Workload.ready(1, 1, 1, Entry.blank(1)));
        store.sync();
        store.persist(Workload.ready(2, 2, 2, Entry.normal(2, "lost")));

        store.crash();

        assertThat(store.load()).isEqualTo(new DurableState(1, 1, List.of(Entry.blank(1))));
    }

    @Test
    void oneSyncCoversSeveralReadys() {
        store.persist(Workload.ready(1, 1, 1, Entry.blank(1)));
        store.persist(Workload.ready(0, 0, 2, Entry.normal(1, "a")));
        store.persist(Workload.ready(0, 0, 3, Entry.normal(1, "b")));
        store.sync();

        store.crash();

        assertThat(store.load().log()).hasSize(3);
        assertThat(store.syncs()).isEqualTo(1);
    }

    @Test
    void aCrashCanKeepAPrefixOfTheUnsyncedWritesInOrder() {
        store.persist(Workload.ready(1, 1, 1, Entry.blank(1), Entry.normal(1, "a"), Entry.normal(1, "b")));
        assertThat(store.unsyncedWrites()).as("the hard state, then one write per entry").isEqualTo(4);

        store.crash(3, false);

        assertThat(store.load()).isEqualTo(new DurableState(1, 1, List.of(Entry.blank(1), Entry.normal(1, "a"))));
    }

    @Test
    void aTornLastWriteIsCutAwayByTheRecoveryOfTheNextLoad() {
        store.persist(Workload.ready(1, 1, 1, Entry.blank(1), Entry.normal(1, "torn")));

        store.crash(2, true);

        assertThat(store.load().log()).containsExactly(Entry.blank(1));
        assertThat(store.tornWritesCut()).isEqualTo(1);
        assertThat(store.load().log()).as("a second load recovers nothing more").containsExactly(Entry.blank(1));
        assertThat(store.tornWritesCut()).isEqualTo(1);
    }

    @Test
    void aTruncationIsAWriteOfItsOwn() {
        store.persist(Workload.ready(1, 1, 1, Entry.blank(1), Entry.normal(1, "a"), Entry.normal(1, "b")));
        store.sync();
        store.persist(Workload.ready(2, 0, 2, Entry.blank(2)));

        store.crash(2, false);

        assertThat(store.load()).as("hard state and truncation kept, the append lost")
                .isEqualTo(new DurableState(2, 0, List.of(Entry.blank(1))));
    }

    @Test
    void aCrashedStoreTakesNoWritesUntilItIsLoaded() {
        store.crash();

        assertThatThrownBy(() -> store.persist(Workload.ready(1, 1, 0))).isInstanceOf(IllegalStateException.class)
                .hasMessage("the store crashed: load() recovers it first");
        assertThatThrownBy(store::sync).isInstanceOf(IllegalStateException.class);
        store.load();
        store.persist(Workload.ready(1, 1, 0));
    }

    @Test
    void aCrashCannotKeepMoreThanWasWritten() {
        store.persist(Workload.ready(1, 1, 1, Entry.blank(1)));

        assertThatThrownBy(() -> store.crash(2, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot keep 2 writes and tear the next of 2 unsynced writes");
    }

    @Test
    void aChangedHardStateIsWrittenAtTheSyncAfterTheLogWrites() {
        store.persist(Workload.ready(1, 1, 1, Entry.blank(1)));
        store.sync();
        store.persist(Workload.ready(1, 2, 2, Entry.normal(1, "a")));
        assertThat(store.unsyncedWrites()).as("the vote waits for the sync").isEqualTo(1);

        store.crash(1, false);

        assertThat(store.load()).isEqualTo(new DurableState(1, 1, List.of(Entry.blank(1), Entry.normal(1, "a"))));
    }

    @Test
    void aNewerTermIsWrittenBeforeTheFirstEntryOfThatTerm() {
        store.persist(Workload.ready(0, 0, 1, Entry.blank(0)));
        store.persist(Workload.ready(3, 1, 2, Entry.blank(3)));

        store.crash(2, false);

        assertThat(store.load()).isEqualTo(new DurableState(3, 1, List.of(Entry.blank(0))));
    }

    @Test
    void anInitialLogIsDurableFromTheStart() {
        List<Entry> bootstrap = List.of(Entry.member(0, Membership.of(1, 2, 3)));
        MemoryLogStore booted = new MemoryLogStore(bootstrap);

        booted.crash();

        assertThat(booted.load()).isEqualTo(new DurableState(0, 0, bootstrap));
    }

    @Test
    void persistingFromBeyondTheEndOfTheLogIsRefused() {
        assertThatThrownBy(() -> store.persist(Workload.ready(0, 0, 2, Entry.blank(1))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("asked to persist from index 2 but the log ends at 0");
    }
}
