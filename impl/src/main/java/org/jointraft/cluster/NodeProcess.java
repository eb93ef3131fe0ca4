package org.jointraft.cluster;

import org.jointraft.core.RaftNode;
import org.jointraft.core.Ready;
import org.jointraft.storage.MemoryLogStore;

/** One process of a {@link VirtualCluster}: the current core incarnation, its disk, and whether it runs. */
final class NodeProcess {
    final int id;
    /** Its disk: a Ready is persisted and synced before its messages leave, so a crash loses nothing sent. */
    final MemoryLogStore store;
    RaftNode raft;
    NodeStatus status = NodeStatus.UP;
    int incarnation;
    long restartAt;
    /** The crash that took it down ends with {@link RaftNode#restart()} on the same object. */
    boolean restartInPlace;

    NodeProcess(RaftNode raft) {
        this.id = raft.id();
        this.raft = raft;
        this.store = new MemoryLogStore(raft.log());
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
