package org.jointraft.cluster;

import org.jointraft.core.DurableState;
import org.jointraft.core.RaftNode;
import org.jointraft.core.Ready;
import org.jointraft.kv.KvStateMachine;
import org.jointraft.storage.MemoryLogStore;

/**
 * One process of a {@link VirtualCluster}: the current core incarnation, its disk, its key-value state machine, and
 * whether it runs.
 */
final class NodeProcess {
    final int id;
    /** Its disk: a Ready is persisted and synced before its messages leave, so a crash loses nothing sent. */
    final MemoryLogStore store;
    RaftNode raft;
    /** What the node applied of its committed entries (restored from its snapshot on a restart). */
    KvStateMachine kv;
    NodeStatus status = NodeStatus.UP;
    int incarnation;
    long restartAt;
    /** The crash that took it down ends with {@link RaftNode#restart()} on the same object. */
    boolean restartInPlace;

    NodeProcess(RaftNode raft) {
        this.id = raft.id();
        this.raft = raft;
        this.store = new MemoryLogStore(raft.log());
        this.kv = new KvStateMachine(raft.commitIndex());
    }

    /** Whether it runs and its state machine has applied entries its snapshot does not hold. */
    boolean canSnapshot() {
        return up() && kv.appliedIndex() > raft.snapshotIndex();
    }

    /** A snapshot of everything the state machine applied. */
    Ready takeSnapshot() {
        return raft.takeSnapshot(kv.appliedIndex(), kv.snapshot());
    }

    /** After a restart the state machine starts over from the durable snapshot, as the node's commit index does. */
    void reloadStateMachine(DurableState durable) {
        kv = new KvStateMachine();
        if (durable.snapshot() != null && durable.snapshot().index() > 0) {
            kv.restore(durable.snapshot().data());
        }
    }

    boolean up() {
        return status == NodeStatus.UP;
    }

    /** One sync per Ready, before its messages leave (the LogStore rule; group commit is the driver's choice). */
    void persistAndSync(Ready ready) {
        store.persist(ready);
        store.sync();
    }
}
