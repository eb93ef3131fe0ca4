package org.jointraft.conformance.sim;

import org.jointraft.core.NodeConfig;
import org.jointraft.core.RaftNode;

/** One simulated process: the current {@link RaftNode} incarnation, its disk, and whether it runs. */
final class SimNode {

    final int id;
    final NodeConfig baseConfig;
    final DurableStore store;
    RaftNode raft;
    ReplicaView view;
    NodeStatus status = NodeStatus.UP;
    int incarnation;
    /** CRASHED nodes restart at this tick. */
    long restartAt;
    /** The last timeline row's effective membership index and commit flag, to record only changes. */
    long shownIndex = -1;
    boolean shownCommitted;

    SimNode(int id, NodeConfig baseConfig, RaftNode raft) {
        this.id = id;
        this.baseConfig = baseConfig;
        this.store = new DurableStore(raft.log());
        setRaft(raft);
    }

    void setRaft(RaftNode r) {
        raft = r;
        view = ReplicaView.of(r);
    }

    boolean up() {
        return status == NodeStatus.UP;
    }
}
