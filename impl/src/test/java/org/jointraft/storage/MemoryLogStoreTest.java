package org.jointraft.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jointraft.core.DurableState;
import org.jointraft.core.Entry;
import org.jointraft.core.Membership;
import org.jointraft.core.Snapshot;
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

    private static final Snapshot AT_2 = Workload.snapshot(2, 1, 0, Membership.of(1, 2, 3));

    @Test
    void aSyncedSnapshotAndTheEntriesAfterItSurviveACrash() {
        store.persist(Workload.ready(1, 1, 1, Entry.blank(1), Entry.normal(1, "a"), Entry.normal(1, "b")));
        store.persist(Workload.snapshotReady(AT_2, 0, 0, 0));
        store.persist(Workload.ready(0, 0, 4, Entry.normal(1, "c")));
        store.sync();

        store.crash();

        assertThat(store.load()).isEqualTo(new DurableState(1, 1, AT_2, List.of(Entry.normal(1, "b"),
                Entry.normal(1, "c"))));
        assertThat(store.lastIndex()).as("absolute").isEqualTo(4);
    }

    @Test
    void aTakeSnapshotReadyThenEntriesQueuesTheSnapshotAsOneWriteBeforeTheEntries() {
        store.persist(Workload.ready(1, 1, 1, Entry.blank(1), Entry.normal(1, "a"), Entry.normal(1, "b")));
        store.sync();
        store.persist(Workload.snapshotReady(AT_2, 0, 0, 4, Entry.normal(1, "c")));
        assertThat(store.unsyncedWrites()).as("the snapshot, then the append").isEqualTo(2);

        store.crash(1, false);

        assertThat(store.load()).isEqualTo(new DurableState(1, 1, AT_2, List.of(Entry.normal(1, "b"))));
    }

    @Test
    void anInstallThatDiscardsTheLogLeavesTheSnapshotAlone() {
        store.persist(Workload.ready(1, 1, 1, Entry.blank(1), Entry.normal(1, "a")));
        store.sync();
        Snapshot beyond = Workload.snapshot(5, 2, 0, Membership.of(1, 2, 3));
        store.persist(Workload.snapshotReady(beyond, 2, 0, 6));
        assertThat(store.lastIndex()).isEqualTo(5);
        store.persist(Workload.ready(0, 0, 6, Entry.normal(2, "after")));
        store.sync();

        store.crash();

        assertThat(store.load()).isEqualTo(new DurableState(2, 0, beyond, List.of(Entry.normal(2, "after"))));
    }

    @Test
    void aCrashBeforeTheSyncLosesTheSnapshotWhole() {
        store.persist(Workload.ready(1, 1, 1, Entry.blank(1), Entry.normal(1, "a"), Entry.normal(1, "b")));
        store.sync();
        store.persist(Workload.snapshotReady(AT_2, 0, 0, 0));

        store.crash();

        assertThat(store.load()).isEqualTo(new DurableState(1, 1, List.of(Entry.blank(1), Entry.normal(1, "a"),
                Entry.normal(1, "b"))));
    }

    @Test
    void aTornSnapshotWriteIsLostWholeAndCountedAsCut() {
        store.persist(Workload.ready(1, 1, 1, Entry.blank(1), Entry.normal(1, "a"), Entry.normal(1, "b")));
        store.sync();
        store.persist(Workload.snapshotReady(AT_2, 0, 0, 4, Entry.normal(1, "c")));

        store.crash(0, true);

        assertThat(store.load().snapshot()).isNull();
        assertThat(store.load().log()).hasSize(3);
        assertThat(store.tornWritesCut()).isEqualTo(1);
    }

    @Test
    void aConflictingSuffixIsDroppedWhenTheSnapshotIsDurableButNotTheTruncation() {
        store.persist(Workload.ready(1, 1, 1, Entry.blank(1), Entry.normal(1, "a"), Entry.normal(1, "b")));
        store.sync();
        Snapshot conflicting = Workload.snapshot(2, 2, 0, Membership.of(1, 2, 3));
        // the Ready's log change drops nothing (a driver that lost the truncation): the rule still does
        store.persist(Workload.snapshotReady(conflicting, 2, 0, 0));
        assertThat(store.load().log()).isEmpty();

        store.crash(2, false);

        assertThat(store.load()).isEqualTo(new DurableState(2, 0, conflicting, List.of()));
    }

    @Test
    void aMatchingSuffixIsKeptWhenTheSnapshotIsDurableButNotTheTruncation() {
        store.persist(Workload.ready(1, 1, 1, Entry.blank(1), Entry.normal(1, "a"), Entry.normal(1, "b")));
        store.sync();
        store.persist(Workload.snapshotReady(AT_2, 0, 0, 3, Entry.normal(1, "b2")));
        assertThat(store.unsyncedWrites()).as("snapshot, truncation, append").isEqualTo(3);

        store.crash(1, false);

        assertThat(store.load()).isEqualTo(new DurableState(1, 1, AT_2, List.of(Entry.normal(1, "b"))));
    }

    @Test
    void aNewerTermIsWrittenBeforeASnapshotOfThatTerm() {
        store.persist(Workload.ready(1, 1, 1, Entry.blank(1)));
        store.sync();
        Snapshot newer = Workload.snapshot(3, 2, 0, Membership.of(1, 2, 3));
        store.persist(Workload.snapshotReady(newer, 2, 0, 4));

        store.crash(1, false);

        assertThat(store.load()).isEqualTo(new DurableState(2, 0, List.of(Entry.blank(1))));
    }

    @Test
    void persistingAtOrBelowTheSnapshotIsRefused() {
        store.persist(Workload.ready(1, 1, 1, Entry.blank(1), Entry.normal(1, "a"), Entry.normal(1, "b")));
        store.persist(Workload.snapshotReady(AT_2, 0, 0, 0));

        assertThatThrownBy(() -> store.persist(Workload.ready(0, 0, 2, Entry.blank(1))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("asked to persist from index 2 but the log is compacted up to the snapshot's index 2");
        assertThatThrownBy(() -> store.persist(Workload.snapshotReady(Workload.snapshot(1, 1, 0, Membership.of(1)),
                0, 0, 0))).isInstanceOf(IllegalStateException.class)
                .hasMessage("asked to persist a snapshot at index 1 below the store's snapshot at index 2");
    }
}
